import type { Core } from '#core/core-types';
import { describeError } from '#shared/errors';

/**
 * Signs the core in to the demo organization the way the app's "Try the demo" does, when `serverUrl` is a demo
 * server and the core holds no session yet (a reused data dir resumes it). A server with an identity provider
 * (or none set up) is left to the welcome screen: the host starts signed out.
 */
export async function signInToDemo(core: Core, serverUrl: string): Promise<void> {
  const session = await core.handlers.session.getSession(undefined);
  if (session.state === 'signed_in') return;
  try {
    const signIn = await core.handlers.session.discoverServer({ serverUrl });
    if (signIn.kind !== 'demo') {
      console.log(`web host: ${serverUrl} signs people in with ${signIn.providerName}; starting signed out.`);
      return;
    }
    await core.handlers.session.startDemo(undefined);
  } catch (err) {
    console.warn(`web host: no demo session (${describeError(err)}); starting signed out.`);
  }
}
