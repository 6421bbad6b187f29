import * as oidc from 'openid-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOidcProvider, type TestOidcProvider } from '../../support/oidc-provider.ts';

// The test IdP itself: a public native client with PKCE, loopback redirects on any port, claims in the ID token.
describe('test OpenID Provider', () => {
  let idp: TestOidcProvider;
  beforeAll(async () => {
    idp = await startOidcProvider({
      accounts: [{ sub: 'ada', email: 'ada@example.com', email_verified: true, oid: 'oid-ada', name: 'Ada' }],
    });
  });
  afterAll(() => idp.stop());

  async function codeFlow(redirectUri: string) {
    const config = await oidc.discovery(new URL(idp.issuer), idp.clientId, undefined, oidc.None(), {
      execute: [oidc.allowInsecureRequests],
    });
    const verifier = oidc.randomPKCECodeVerifier();
    const state = oidc.randomState();
    const nonce = oidc.randomNonce();
    const url = oidc.buildAuthorizationUrl(config, {
      redirect_uri: redirectUri,
      scope: 'openid email profile',
      code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
      state,
      nonce,
    });
    const back = await idp.authorize(url.href, { login: 'ada' });
    const tokens = await oidc.authorizationCodeGrant(config, new URL(back), {
      pkceCodeVerifier: verifier,
      expectedState: state,
      expectedNonce: nonce,
    });
    return { config, tokens };
  }

  it('signs in through the code flow on any loopback port, with the claims in the ID token', async () => {
    const { config, tokens } = await codeFlow('http://127.0.0.1:54321/callback');
    expect(tokens.claims()).toMatchObject({
      sub: 'ada',
      email: 'ada@example.com',
      oid: 'oid-ada',
      name: 'Ada',
    });
    expect(tokens.refresh_token).toBeUndefined();
    expect(config.serverMetadata().end_session_endpoint).toBe(`${idp.issuer}/session/end`);
  });

  it('signs with a new key after a rotation, still publishing the old one', async () => {
    const before = idp.currentKid();
    await idp.rotateKeys();
    const { tokens } = await codeFlow('http://127.0.0.1:40000/callback');
    const header = JSON.parse(Buffer.from(tokens.id_token!.split('.')[0]!, 'base64url').toString());
    expect(header.kid).toBe(idp.currentKid());
    const jwks = (await (await fetch(`${idp.issuer}/jwks`)).json()) as { keys: { kid: string }[] };
    expect(jwks.keys.map((k) => k.kid)).toEqual([idp.currentKid(), before]);
  });

  it('refuses a request without PKCE, and reports a denied sign-in as access_denied', async () => {
    const base = `${idp.issuer}/auth?client_id=${idp.clientId}&response_type=code&scope=openid`;
    const noPkce = await idp.authorize(`${base}&redirect_uri=http://127.0.0.1:1234/callback`, {
      login: 'ada',
    });
    expect(new URL(noPkce).searchParams.get('error')).toBe('invalid_request');
    const denied = await idp.authorize(
      `${base}&redirect_uri=http://127.0.0.1:1234/callback&code_challenge=${'a'.repeat(43)}&code_challenge_method=S256`,
      { deny: true },
    );
    expect(new URL(denied).searchParams.get('error')).toBe('access_denied');
  });
});
