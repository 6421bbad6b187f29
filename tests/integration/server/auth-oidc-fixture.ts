import * as client from 'openid-client';
import type { OidcConfig } from '#server/config/server-config';
import { OidcConfig as OidcConfigSchema } from '#server/config/server-config';
import type { TestOidcProvider } from '../../support/oidc-provider.ts';

/**
 * An ID token for `login`, obtained as the app obtains one: discovery, authorization code with PKCE (S256),
 * state and nonce, through the provider's own login and consent pages (headless), then the code exchange.
 */
export async function idTokenFor(provider: TestOidcProvider, login: string): Promise<string> {
  const config = await client.discovery(
    new URL(provider.issuer),
    provider.clientId,
    undefined,
    client.None(),
    {
      execute: [client.allowInsecureRequests],
    },
  );
  const verifier = client.randomPKCECodeVerifier();
  const state = client.randomState();
  const nonce = client.randomNonce();
  const url = client.buildAuthorizationUrl(config, {
    redirect_uri: 'http://127.0.0.1:53682/callback',
    scope: 'openid email profile',
    code_challenge: await client.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
    state,
    nonce,
  });
  const callback = await provider.authorize(url.href, { login });
  const tokens = await client.authorizationCodeGrant(config, new URL(callback), {
    pkceCodeVerifier: verifier,
    expectedState: state,
    expectedNonce: nonce,
  });
  if (!tokens.id_token) throw new Error('The provider answered no ID token');
  return tokens.id_token;
}

/** The server's OIDC configuration for a test provider, with the config file's defaults. */
export function oidcConfigFor(provider: TestOidcProvider, overrides: Partial<OidcConfig> = {}): OidcConfig {
  return OidcConfigSchema.parse({ issuer: provider.issuer, clientId: provider.clientId, ...overrides });
}

/** The claims of a well-formed ID token of `provider` for its client, valid for an hour from now. */
export function claimsFor(provider: TestOidcProvider, claims: Record<string, unknown>) {
  return { iss: provider.issuer, aud: provider.clientId, sub: 'ada', ...claims };
}
