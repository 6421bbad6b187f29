import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { OpenRedirectReceiver, RedirectReceiver, SignInOutcome } from '../core-types.ts';
import { signInPage } from './sign-in-page.ts';

export const CALLBACK_PATH = '/callback';

/** Whether a request to the callback is the redirect of the sign-in whose state is `state`. */
export const isRedirectOf = (url: URL, state: string) => url.searchParams.get('state') === state;

function listen(port: number) {
  const server = createServer();
  return new Promise<typeof server>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve(server);
    });
  });
}

function answer(res: ServerResponse, status: number, html: string) {
  res.writeHead(status, {
    'content-type': 'text/html; charset=utf-8',
    'cache-control': 'no-store',
    connection: 'close',
    'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'",
  });
  res.end(html);
}

/**
 * RFC 8252's loopback redirect: an HTTP listener on 127.0.0.1 for one sign-in, at the port IT registered
 * with the identity provider (AuthConfig.redirectPort) or, when that is taken or none is set, a free one
 * (providers that follow RFC 8252 ignore the port of a loopback redirect). The browser's request to
 * /callback is held until the core has finished signing in, so the tab says how it really ended.
 */
export const openLoopbackReceiver: OpenRedirectReceiver = async ({ preferredPort, state }) => {
  const server = await (preferredPort === null
    ? listen(0)
    : listen(preferredPort).catch((err: NodeJS.ErrnoException) => {
        if (err.code === 'EADDRINUSE' || err.code === 'EACCES') return listen(0);
        throw err;
      }));
  const { port } = server.address() as AddressInfo;
  let waiting: ServerResponse | null = null;
  let delivered = false;
  let deliver: (url: URL) => void = () => undefined;
  const redirect = new Promise<URL>((resolve) => (deliver = resolve));

  server.on('request', (req, res) => {
    const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);
    if (req.method !== 'GET' || url.pathname !== CALLBACK_PATH)
      return answer(res, 404, signInPage({ ok: false, message: 'Nothing here.' }));
    if (!isRedirectOf(url, state))
      return answer(
        res,
        400,
        signInPage({ ok: false, message: 'This is not the answer Kith is waiting for.' }),
      );
    if (delivered)
      return answer(
        res,
        409,
        signInPage({ ok: false, message: 'This sign-in has already come back to Kith.' }),
      );
    delivered = true;
    waiting = res;
    deliver(url);
  });

  const receiver: RedirectReceiver = {
    redirectUri: `http://127.0.0.1:${port}${CALLBACK_PATH}`,
    redirect: () => redirect,
    async finish(outcome: SignInOutcome) {
      if (waiting) answer(waiting, outcome.ok ? 200 : 400, signInPage(outcome));
      waiting = null;
      // The held answer is sent first (connection: close), then the listener goes.
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      await closed;
    },
  };
  return receiver;
};
