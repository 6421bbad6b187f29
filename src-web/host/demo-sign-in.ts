import type { Core } from '#core/core-types';
import { describeError } from '#shared/errors';

/**
 * Signs the core in to the demo organization the way the app's "Try the demo" does, unless it already
 * holds a session (a reused data dir resumes it). A server without a demo org refuses: the host then
 * starts signed out and the welcome screen shows.
 */
export async function signInToDemo(core: Core): Promise<void> {
  const session = await core.handlers.session.getSession(undefined);
  if (session.state === 'signed_in') return;
  try {
    await core.handlers.session.startDemo(undefined);
  } catch (err) {
    console.warn(`web host: no demo session (${describeError(err)}); starting signed out.`);
  }
}
