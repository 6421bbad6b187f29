import type { ServerSignIn, ServerUrlInput, Session } from '#shared/domain/session';
import { KithError } from '#shared/errors';
import type { AuthConfig, AuthSession } from '#shared/wire/auth';
import type { OpenRedirectReceiver } from '../core-types.ts';
import { ServerError, type ServerClient } from '../sync/server-client.ts';
import { openLoopbackReceiver } from './loopback-receiver.ts';
import { endSessionUrl, runOidcFlow, type OidcAuthConfig } from './oidc-flow.ts';

/** How long a sign-in waits for the browser to come back: time to type a password and a second factor. */
const SIGN_IN_TIMEOUT_MS = 5 * 60_000;

/** What a server's refusal of a sign-in (or its silence) says on the sign-in screen. */
export function toSignInError(err: unknown, serverUrl: string): KithError {
  if (err instanceof KithError) return err;
  if (!(err instanceof ServerError)) return new KithError('internal', String(err));
  if (err.kind === 'offline')
    return new KithError('offline', `Can't reach ${serverUrl}. Check the address and your connection.`);
  if (err.kind === 'unauthorized')
    return new KithError('unauthorized', err.detail ?? 'The server did not accept this sign-in');
  if (err.status === 403) return new KithError('forbidden', err.detail ?? err.message);
  return new KithError('unavailable', err.detail ?? err.message);
}

export interface OidcSignInOptions {
  anonymous: (serverUrl: string) => ServerClient;
  fetch?: typeof globalThis.fetch;
  openBrowser?: (url: string) => Promise<void>;
  openRedirectReceiver?: OpenRedirectReceiver;
  timeoutMs?: number;
  startDemo: (input: ServerUrlInput) => Promise<Session>;
  /** Stores the session the server issued and makes it the signed-in one (session-service.ts). */
  adopt: (signedIn: {
    serverUrl: string;
    session: AuthSession;
    idToken: string;
    provider: { name: string; clientId: string; endSessionEndpoint: string | null };
  }) => Promise<Session>;
}

/**
 * Sign-in with the company's identity provider: asks the server how (GET /v1/auth/config), runs the
 * browser flow (oidc-flow.ts), sends the ID token to the server, which answers Kith's own session. One
 * sign-in at a time: a new one cancels the one still waiting for the browser.
 */
export function createOidcSignIn(options: OidcSignInOptions) {
  let pending: AbortController | null = null;

  async function authConfig(serverUrl: string): Promise<Exclude<AuthConfig, { mode: 'none' }>> {
    const config = await options
      .anonymous(serverUrl)
      .getAuthConfig()
      .catch((err: unknown) => {
        throw toSignInError(err, serverUrl);
      });
    if (config.mode === 'none') {
      throw new KithError(
        'unavailable',
        'This server has no sign-in set up yet. Ask your IT administrator to connect it to your ' +
          "company's identity provider.",
      );
    }
    return config;
  }

  async function signInWithProvider(serverUrl: string, config: OidcAuthConfig): Promise<Session> {
    const { openBrowser } = options;
    if (!openBrowser) throw new KithError('unavailable', 'This app cannot open a browser to sign in here');
    pending?.abort(new KithError('unavailable', 'The sign-in was cancelled: another one started.'));
    const controller = new AbortController();
    pending = controller;
    const timeoutMs = options.timeoutMs ?? SIGN_IN_TIMEOUT_MS;
    const timer = setTimeout(() => {
      const minutes = Math.round(timeoutMs / 60_000);
      const within = minutes >= 1 ? `${minutes} minute${minutes === 1 ? '' : 's'}` : `${timeoutMs / 1000} s`;
      controller.abort(
        new KithError(
          'unavailable',
          `The sign-in timed out: the browser did not come back within ${within}.`,
        ),
      );
    }, timeoutMs);
    try {
      return await runOidcFlow(
        {
          config,
          openBrowser,
          openRedirectReceiver: options.openRedirectReceiver ?? openLoopbackReceiver,
          signal: controller.signal,
          fetch: options.fetch,
        },
        async ({ idToken, endSessionEndpoint }) => {
          if (controller.signal.aborted) throw controller.signal.reason;
          const session = await options
            .anonymous(serverUrl)
            .createOidcSession(idToken)
            .catch((err: unknown) => {
              throw toSignInError(err, serverUrl);
            });
          const provider = { name: config.providerName, clientId: config.clientId, endSessionEndpoint };
          return options.adopt({ serverUrl, session, idToken, provider });
        },
      );
    } finally {
      clearTimeout(timer);
      if (pending === controller) pending = null;
    }
  }

  return {
    endSessionUrl,

    /** How the server the user typed asks them to sign in. */
    async discoverServer({ serverUrl }: ServerUrlInput): Promise<ServerSignIn> {
      const config = await authConfig(serverUrl);
      return config.mode === 'oidc'
        ? { kind: 'oidc', serverUrl, providerName: config.providerName }
        : { kind: 'demo', serverUrl };
    },

    /** Signs in through the server's identity provider (a demo server: its demo org). */
    async signIn({ serverUrl }: ServerUrlInput): Promise<Session> {
      const config = await authConfig(serverUrl);
      if (config.mode === 'demo') return options.startDemo({ serverUrl });
      return signInWithProvider(serverUrl, config);
    },

    /** Stops the sign-in waiting for the browser; it fails as cancelled. */
    async cancel(): Promise<{ cancelled: boolean }> {
      if (!pending) return { cancelled: false };
      pending.abort(new KithError('unavailable', 'The sign-in was cancelled.'));
      pending = null;
      return { cancelled: true };
    },
  };
}
