import * as oidc from 'openid-client';
import type { AuthConfig } from '#shared/wire/auth';
import { describeError, KithError } from '#shared/errors';
import { isLoopbackUrl } from '#shared/node/loopback';
import type { OpenRedirectReceiver } from '../core-types.ts';

export type OidcAuthConfig = Extract<AuthConfig, { mode: 'oidc' }>;

export interface OidcFlowOptions {
  config: OidcAuthConfig;
  openBrowser: (url: string) => Promise<void>;
  openRedirectReceiver: OpenRedirectReceiver;
  /** Aborted by cancelSignIn or the timeout; its reason (a KithError) is what the sign-in fails with. */
  signal: AbortSignal;
  fetch?: typeof globalThis.fetch;
}

/** What the provider gave: the ID token for Kith's server, and where its end-session page is (if any). */
export interface OidcFlowResult {
  idToken: string;
  endSessionEndpoint: string | null;
}

function discover(config: OidcAuthConfig, fetch: typeof globalThis.fetch | undefined) {
  const issuer = new URL(config.issuer);
  return oidc.discovery(issuer, config.clientId, undefined, oidc.None(), {
    // An http:// issuer is accepted only on this machine (the tests' provider); a real one is https.
    execute: issuer.protocol === 'http:' && isLoopbackUrl(issuer) ? [oidc.allowInsecureRequests] : [],
    ...(fetch ? { [oidc.customFetch]: fetch } : {}),
  });
}

/** The end-session URL of the provider (RP-initiated logout), with the ID token as hint and the client id. */
export function endSessionUrl(
  endpoint: string,
  options: { idToken: string | null; clientId: string },
): string {
  const url = new URL(endpoint);
  if (options.idToken) url.searchParams.set('id_token_hint', options.idToken);
  url.searchParams.set('client_id', options.clientId);
  return url.href;
}

function untilAborted(signal: AbortSignal): Promise<never> {
  return new Promise((_, reject) => {
    if (signal.aborted) reject(signal.reason);
    signal.addEventListener('abort', () => reject(signal.reason), { once: true });
  });
}

/** What the person reads when the provider, or its answer, refuses the sign-in. */
function toKithError(err: unknown, providerName: string): KithError {
  if (err instanceof KithError) return err;
  if (err instanceof oidc.AuthorizationResponseError) {
    if (err.error === 'access_denied')
      return new KithError('unauthorized', `The sign-in was cancelled at ${providerName}.`);
    return new KithError(
      'unauthorized',
      `${providerName} refused the sign-in: ${err.error_description ?? err.error}.`,
    );
  }
  if (err instanceof oidc.ResponseBodyError)
    return new KithError(
      'unauthorized',
      `${providerName} refused the sign-in: ${err.error_description ?? err.error}.`,
    );
  if (err instanceof TypeError || (err instanceof oidc.ClientError && err.code === 'OAUTH_TIMEOUT'))
    return new KithError('offline', `Can't reach ${providerName}. Check your connection and try again.`);
  // A state or nonce that does not match, a bad ID token: not this sign-in's answer.
  return new KithError(
    'unauthorized',
    `${providerName}'s answer does not belong to this sign-in (${whatDoesNotMatch(err)}). Try again.`,
  );
}

/** openid-client wraps oauth4webapi's error, whose message (or claim) names what did not match. */
function whatDoesNotMatch(err: unknown): string {
  const cause =
    err instanceof Error ? (err.cause as { claim?: unknown; message?: unknown } | undefined) : undefined;
  if (typeof cause?.claim === 'string') return `its "${cause.claim}" does not match`;
  if (cause instanceof Error) return cause.message;
  return describeError(err);
}

/**
 * The native-app sign-in of RFC 8252 with openid-client: the provider's discovery document, the
 * authorization code flow with PKCE (S256), a random state and nonce (openid-client checks both), the
 * system browser, and the redirect received on the loopback interface (or the web host's origin). `complete`
 * runs with the provider's answer (the server's part of the sign-in); how it ends is what the browser tab
 * shows. Throws a KithError the sign-in screen shows.
 */
export async function runOidcFlow<T>(
  options: OidcFlowOptions,
  complete: (result: OidcFlowResult) => Promise<T>,
): Promise<T> {
  const { config, signal } = options;
  const aborted = untilAborted(signal);
  aborted.catch(() => undefined);
  const configuration = await Promise.race([discover(config, options.fetch), aborted]).catch(
    (err: unknown) => {
      if (signal.aborted) throw signal.reason;
      throw new KithError(
        'offline',
        `Can't reach ${config.providerName} at ${config.issuer} (${describeError(err)}). Check your connection.`,
      );
    },
  );
  const state = oidc.randomState();
  const receiver = await options.openRedirectReceiver({ preferredPort: config.redirectPort, state });
  try {
    const verifier = oidc.randomPKCECodeVerifier();
    const nonce = oidc.randomNonce();
    const authorizationUrl = oidc.buildAuthorizationUrl(configuration, {
      redirect_uri: receiver.redirectUri,
      scope: config.scopes.join(' '),
      code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
      state,
      nonce,
    });
    await options.openBrowser(authorizationUrl.href);
    const redirect = await Promise.race([receiver.redirect(), aborted]);
    const result = await oidc
      .authorizationCodeGrant(configuration, redirect, {
        pkceCodeVerifier: verifier,
        expectedState: state,
        expectedNonce: nonce,
        idTokenExpected: true,
      })
      .then((tokens) => ({
        idToken: tokens.id_token ?? '',
        endSessionEndpoint: configuration.serverMetadata().end_session_endpoint ?? null,
      }))
      .catch((err: unknown) => {
        throw toKithError(err, config.providerName);
      });
    const completed = await complete(result);
    await receiver.finish({ ok: true });
    return completed;
  } catch (err) {
    const message = describeError(err);
    await receiver.finish({ ok: false, message });
    throw err;
  }
}
