import type { Core } from '#core/core-types';
import { DemoSession } from '#shared/wire/auth';

/**
 * Signs the core in as a demo user of `serverUrl`, unless it already holds a session there (a reused data dir).
 * A server without a demo org answers 404: the host then starts signed out and the welcome screen shows.
 */
export async function signInToDemo(core: Core, serverUrl: string): Promise<void> {
  const session = await core.handlers.session.getSession(undefined);
  if (session.state === 'signed_in' && session.serverUrl === serverUrl) return;

  let response: Response;
  try {
    response = await fetch(new URL('/v1/demo/sessions', serverUrl), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
  } catch (err) {
    console.warn(`web host: cannot reach ${serverUrl} (${String(err)}); starting signed out.`);
    return;
  }
  if (!response.ok) {
    console.warn(
      `web host: ${serverUrl} offers no demo session (HTTP ${response.status}); starting signed out.`,
    );
    return;
  }
  const { token } = DemoSession.parse(await response.json());
  await core.handlers.session.connectServer({ serverUrl, token });
}
