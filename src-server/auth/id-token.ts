import { createRemoteJWKSet, decodeJwt, errors, jwtVerify, type JWTPayload } from 'jose';
import { z } from 'zod';
import { isHttpsOrLoopback } from '#shared/node/loopback';
import type { OidcConfig } from '../config/server-config.ts';

/**
 * Why an ID token was refused, each with a message a person can act on. `unreachable`: the identity provider
 * (its discovery document or its keys) could not be reached or is misconfigured, so nothing can be checked.
 */
export type IdTokenProblem =
  'invalid_id_token' | 'id_token_expired' | 'wrong_issuer' | 'wrong_audience' | 'idp_unreachable';

export class IdTokenError extends Error {
  override name = 'IdTokenError';
  constructor(
    readonly problem: IdTokenProblem,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export interface IdTokenCheckOptions {
  /**
   * After fetching the JWKS, how long an unknown `kid` is refused before the JWKS is fetched again (jose's
   * cooldown, default 30 s): a key rotation at the IdP is picked up on the first token signed with the new key.
   */
  jwksCooldownMs?: number;
  /** Discovery and JWKS requests give up after this (default 5 s). */
  timeoutMs?: number;
}

/** The part of the discovery document the check needs (OpenID Connect Discovery 1.0 §3). */
const Discovery = z.object({
  issuer: z.string(),
  jwks_uri: z.url(),
  id_token_signing_alg_values_supported: z.array(z.string()).min(1),
  end_session_endpoint: z.url().optional(),
});
type Discovery = z.infer<typeof Discovery>;

/** Symmetric algorithms would need a client secret (a public client has none); 'none' is no signature. */
const UNSAFE_ALG = /^(none|HS\d+)$/i;
/**
 * An ID token is exchanged right after it is issued: one issued longer ago than this (plus the clock tolerance)
 * is refused, so a copy found later (an old id_token_hint) cannot start a session. It also lets iat be checked.
 */
export const MAX_ID_TOKEN_AGE_SECONDS = 10 * 60;

export interface IdTokenVerifier {
  /** The verified claims, or an IdTokenError. */
  verify(idToken: string): Promise<JWTPayload>;
}

/** Validates ID tokens of one OpenID Provider: its discovery document and keys are fetched once and cached. */
export function createIdTokenVerifier(
  config: OidcConfig,
  options: IdTokenCheckOptions = {},
): IdTokenVerifier {
  const timeoutMs = options.timeoutMs ?? 5000;
  let provider: Promise<{ discovery: Discovery; keys: ReturnType<typeof createRemoteJWKSet> }> | undefined;

  async function discover() {
    const url = `${config.issuer.replace(/\/+$/, '')}/.well-known/openid-configuration`;
    let body: unknown;
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      body = await response.json();
    } catch (err) {
      throw unreachable(`its discovery document ${url} could not be read (${describe(err)})`, err);
    }
    const parsed = Discovery.safeParse(body);
    if (!parsed.success) throw unreachable(`its discovery document ${url} is not valid OpenID Connect`);
    const discovery = parsed.data;
    if (discovery.issuer !== config.issuer) {
      throw unreachable(
        `its discovery document names the issuer ${discovery.issuer}, not ${config.issuer} as configured`,
      );
    }
    // The keys decide which tokens are genuine: fetched over plain http they could be swapped on the way.
    if (!isHttpsOrLoopback(discovery.jwks_uri)) {
      throw unreachable(`its discovery document names keys at ${discovery.jwks_uri}, which is not https`);
    }
    const keys = createRemoteJWKSet(new URL(discovery.jwks_uri), {
      timeoutDuration: timeoutMs,
      ...(options.jwksCooldownMs !== undefined && { cooldownDuration: options.jwksCooldownMs }),
    });
    return { discovery, keys };
  }

  /** Cached once it succeeds; a failed attempt is retried by the next sign-in. */
  function loadProvider() {
    provider ??= discover().catch((err: unknown) => {
      provider = undefined;
      throw err;
    });
    return provider;
  }

  return {
    async verify(idToken) {
      precheckIssuer(idToken, config.issuer);
      const { discovery, keys } = await loadProvider();
      const algorithms = discovery.id_token_signing_alg_values_supported.filter(
        (alg) => !UNSAFE_ALG.test(alg),
      );
      if (algorithms.length === 0)
        throw unreachable('it offers no asymmetric signing algorithm for ID tokens');
      let payload: JWTPayload;
      try {
        ({ payload } = await jwtVerify(idToken, keys, {
          issuer: config.issuer,
          audience: config.clientId,
          algorithms,
          clockTolerance: config.clockToleranceSeconds,
          // jose applies clockTolerance to this age too: iat older than max age + tolerance is refused.
          maxTokenAge: MAX_ID_TOKEN_AGE_SECONDS,
          requiredClaims: ['exp', 'iat', 'sub'],
        }));
      } catch (err) {
        throw classify(err, config);
      }
      checkAuthorizedParty(payload, config.clientId);
      return payload;
    },
  };
}

function unreachable(detail: string, cause?: unknown) {
  return new IdTokenError('idp_unreachable', `The identity provider cannot be used right now: ${detail}`, {
    cause,
  });
}

function describe(err: unknown) {
  return err instanceof Error ? err.message : String(err);
}

/** A token from another issuer is named as such before any key is fetched (nothing is trusted from it). */
function precheckIssuer(idToken: string, issuer: string) {
  let claims: JWTPayload;
  try {
    claims = decodeJwt(idToken);
  } catch (err) {
    throw new IdTokenError('invalid_id_token', 'The sign-in token is not a valid ID token (a signed JWT)', {
      cause: err,
    });
  }
  if (claims.iss !== issuer) {
    throw new IdTokenError(
      'wrong_issuer',
      `The sign-in token comes from another identity provider (${String(claims.iss)}); this server accepts ${issuer} only`,
    );
  }
}

/** With several audiences, the token must name this client as its authorized party (OIDC Core §3.1.3.7). */
function checkAuthorizedParty(payload: JWTPayload, clientId: string) {
  const audiences = Array.isArray(payload.aud) ? payload.aud : [payload.aud];
  const azp = payload['azp'];
  if ((azp !== undefined && azp !== clientId) || (audiences.length > 1 && azp === undefined)) {
    throw new IdTokenError(
      'wrong_audience',
      `The sign-in token was issued to another application (authorized party ${String(azp)}), not to ${clientId}`,
    );
  }
}

function classify(err: unknown, config: OidcConfig): IdTokenError {
  if (err instanceof errors.JWTExpired && err.claim === 'iat') {
    return new IdTokenError(
      'id_token_expired',
      `The sign-in token was issued more than ${MAX_ID_TOKEN_AGE_SECONDS / 60} minutes ago (or the server clock is off); sign in again`,
      { cause: err },
    );
  }
  if (err instanceof errors.JWTExpired) {
    return new IdTokenError(
      'id_token_expired',
      'The sign-in token has expired (or the server clock is off); sign in again',
      { cause: err },
    );
  }
  if (err instanceof errors.JWTClaimValidationFailed) {
    if (err.claim === 'aud') {
      return new IdTokenError(
        'wrong_audience',
        `The sign-in token was issued to another application, not to this server's client ${config.clientId}`,
        { cause: err },
      );
    }
    if (err.claim === 'iss') {
      return new IdTokenError('wrong_issuer', `The sign-in token does not come from ${config.issuer}`, {
        cause: err,
      });
    }
    if (err.claim === 'iat' || err.claim === 'nbf') {
      return new IdTokenError(
        'id_token_expired',
        `The sign-in token is not valid yet (its ${err.claim} is in the future: is a clock off?)`,
        { cause: err },
      );
    }
    return new IdTokenError('invalid_id_token', `The sign-in token is not valid: ${err.message}`, {
      cause: err,
    });
  }
  if (err instanceof errors.JWKSTimeout || !(err instanceof errors.JOSEError)) {
    return unreachable(`its signing keys could not be fetched (${describe(err)})`, err);
  }
  if (err instanceof errors.JWKSNoMatchingKey) {
    return new IdTokenError(
      'invalid_id_token',
      'The sign-in token is signed with a key the identity provider does not publish',
      { cause: err },
    );
  }
  if (err instanceof errors.JWSSignatureVerificationFailed) {
    return new IdTokenError('invalid_id_token', 'The sign-in token has an invalid signature', { cause: err });
  }
  if (err instanceof errors.JOSEAlgNotAllowed) {
    return new IdTokenError('invalid_id_token', 'The sign-in token is signed with an algorithm not allowed', {
      cause: err,
    });
  }
  if (err.code === 'ERR_JOSE_GENERIC') {
    return unreachable(`its signing keys could not be fetched (${err.message})`, err);
  }
  return new IdTokenError('invalid_id_token', `The sign-in token is not valid: ${err.message}`, {
    cause: err,
  });
}
