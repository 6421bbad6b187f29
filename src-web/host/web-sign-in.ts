import type { IncomingMessage, ServerResponse } from 'node:http';
import type { OpenRedirectReceiver, SignInOutcome } from '#core/core-types';
import { isRedirectOf } from '#core/session/loopback-receiver';
import { signInPage } from '#core/session/sign-in-page';

export const WEB_CALLBACK_PATH = '/callback';

/**
 * Sign-in with an identity provider in the web host, "with its own URL as the redirect". The core runs the
 * same flow as in the app; only its two host hooks differ (CoreOptions.openBrowser, openRedirectReceiver):
 *
 * - Opening the browser navigates the tab the renderer runs in: the host sends `{navigate: url}` over the
 *   bridge socket and the web bridge (src-web/bridge) assigns window.location. The renderer itself only calls
 *   window.api.session.signIn, as in the app; its page is replaced by the provider's.
 * - The redirect comes back to this host's own origin, http://127.0.0.1:<port>/callback (a loopback URI: the
 *   provider ignores its port for a native client). The host hands the URL to the core, waits until the core
 *   has finished signing in, then sends the tab back to the app (303 to /), which reads the new session with
 *   session.getSession. A refused sign-in shows why, with a link back to the app.
 *
 * Created before the core (which takes the hooks) and attached to the host once it listens.
 */
export function createWebSignIn() {
  let origin: string | null = null;
  let navigate: ((url: string) => void) | null = null;
  let pending: { state: string; deliver: (url: URL) => void; outcome: Promise<SignInOutcome> } | null = null;

  const openRedirectReceiver: OpenRedirectReceiver = async ({ state }) => {
    if (!origin) throw new Error('The web host is not listening yet');
    let deliver: (url: URL) => void = () => undefined;
    let settle: (outcome: SignInOutcome) => void = () => undefined;
    const redirect = new Promise<URL>((resolve) => (deliver = resolve));
    const mine = { state, deliver, outcome: new Promise<SignInOutcome>((resolve) => (settle = resolve)) };
    pending = mine;
    return {
      redirectUri: `${origin}${WEB_CALLBACK_PATH}`,
      redirect: () => redirect,
      async finish(outcome) {
        if (pending === mine) pending = null;
        settle(outcome);
      },
    };
  };

  return {
    openRedirectReceiver,

    /** CoreOptions.openBrowser: the renderer's tab goes to the provider's page. */
    async openBrowser(url: string): Promise<void> {
      const { protocol } = new URL(url);
      if (protocol !== 'https:' && protocol !== 'http:') throw new Error(`Refused to open a ${protocol} URL`);
      if (!navigate) throw new Error('The web host is not listening yet');
      navigate(url);
    },

    attach(options: { origin: string; navigate: (url: string) => void }) {
      origin = options.origin;
      navigate = options.navigate;
    },

    /** Answers GET /callback; false for any other request. */
    async handle(
      req: IncomingMessage,
      res: ServerResponse,
      headers: Record<string, string> = {},
    ): Promise<boolean> {
      const url = new URL(req.url ?? '/', origin ?? 'http://127.0.0.1');
      if (req.method !== 'GET' || url.pathname !== WEB_CALLBACK_PATH) return false;
      if (pending && !isRedirectOf(url, pending.state)) {
        // Not the waiting sign-in's answer (a stale tab, a probe): it keeps waiting for its own.
        res.writeHead(400, {
          ...headers,
          'content-type': 'text/html; charset=utf-8',
          'cache-control': 'no-store',
        });
        res.end(
          signInPage({ ok: false, message: 'This is not the answer Kith is waiting for.' }, { backTo: '/' }),
        );
        return true;
      }
      const current = pending;
      pending = null;
      // No sign-in waiting (a reload, a second visit): back to the app, which shows where things stand.
      current?.deliver(url);
      const outcome: SignInOutcome = current ? await current.outcome : { ok: true };
      if (outcome.ok) {
        res.writeHead(303, { ...headers, location: '/', 'cache-control': 'no-store' });
        res.end();
      } else {
        res.writeHead(400, {
          ...headers,
          'content-type': 'text/html; charset=utf-8',
          'cache-control': 'no-store',
        });
        res.end(signInPage(outcome, { backTo: '/' }));
      }
      return true;
    },
  };
}
export type WebSignIn = ReturnType<typeof createWebSignIn>;
