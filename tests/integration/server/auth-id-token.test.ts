import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { generateKeyPair, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiError, AuthSession } from '#shared/wire/auth';
import { upsertPeople } from '#server/server';
import { startOidcProvider, type TestOidcProvider } from '../../support/oidc-provider.ts';
import { claimsFor, idTokenFor, oidcConfigFor } from './auth-oidc-fixture.ts';
import { makePerson, startTestServer, type ServerFixture } from './server-fixture.ts';

/** The refusals a well-behaved provider would never produce: tokens signed by the test, clients misconfigured. */
let idp: TestOidcProvider;
let other: TestOidcProvider;
let server: ServerFixture;
const TOLERANCE = 60;

const ADA = { sub: 'ada', email: 'ada@example.com', email_verified: true };

beforeAll(async () => {
  idp = await startOidcProvider({ accounts: [ADA] });
  other = await startOidcProvider({ accounts: [ADA] });
  server = await startTestServer({
    oidc: oidcConfigFor(idp, { clockToleranceSeconds: TOLERANCE }),
    // An unknown kid fetches the JWKS again at once: a rotation is picked up by the next sign-in.
    idTokenCheck: { jwksCooldownMs: 0 },
  });
  await upsertPeople(server.db, [makePerson(1, { email: 'ada@example.com' })]);
});
afterAll(async () => {
  await server?.stop();
  await Promise.all([idp?.stop(), other?.stop()]);
});

const now = () => Math.floor(Date.now() / 1000);

function signIn(target: ServerFixture, idToken: string) {
  return target.post('/v1/auth/sessions', { idToken });
}

/** 200 with the person signed in, or the refusal; one shape, so every case reads alike. */
async function outcome(response: Response): Promise<{ status: number; code: string; message: string }> {
  if (response.status !== 200)
    return { status: response.status, ...ApiError.parse(await response.json()).error };
  const { person } = AuthSession.parse(await response.json());
  return { status: 200, code: 'ok', message: `signed in as ${person.id}` };
}

const signed = (claims: Record<string, unknown>) => idp.signIdToken(claimsFor(idp, { ...ADA, ...claims }));

describe('POST /v1/auth/sessions refuses an ID token', () => {
  it('from another issuer: a real token of a second provider, and one claiming another iss', async () => {
    const foreign = await outcome(await signIn(server, await idTokenFor(other, 'ada')));
    expect(foreign).toMatchObject({ status: 401, code: 'wrong_issuer' });
    expect(foreign.message).toContain(other.issuer);
    expect(await outcome(await signIn(server, await signed({ iss: `${idp.issuer}/other` })))).toMatchObject({
      status: 401,
      code: 'wrong_issuer',
    });
  });

  it('for another audience: a server whose client id differs, and a token naming another client', async () => {
    const mismatched = await startTestServer({ oidc: oidcConfigFor(idp, { clientId: 'another-app' }) });
    try {
      await upsertPeople(mismatched.db, [makePerson(1, { email: 'ada@example.com' })]);
      const answer = await outcome(await signIn(mismatched, await idTokenFor(idp, 'ada')));
      expect(answer).toMatchObject({ status: 401, code: 'wrong_audience' });
      expect(answer.message).toMatch(/another application/);
    } finally {
      await mismatched.stop();
    }
    expect(await outcome(await signIn(server, await signed({ aud: 'someone-else' })))).toMatchObject({
      status: 401,
      code: 'wrong_audience',
    });
  });

  it('with several audiences and an azp that is not this client (or none)', async () => {
    const aud = [idp.clientId, 'someone-else'];
    expect(await outcome(await signIn(server, await signed({ aud, azp: 'someone-else' })))).toMatchObject({
      code: 'wrong_audience',
    });
    expect(await outcome(await signIn(server, await signed({ aud })))).toMatchObject({
      code: 'wrong_audience',
    });
    expect(await outcome(await signIn(server, await signed({ aud, azp: idp.clientId })))).toMatchObject({
      status: 200,
    });
  });

  it('with a bad signature: tampered, or signed by a key the provider does not publish', async () => {
    const real = await idTokenFor(idp, 'ada');
    const [header, payload, signature = ''] = real.split('.');
    const flipped = `${signature.startsWith('A') ? 'B' : 'A'}${signature.slice(1)}`;
    const tampered = await outcome(await signIn(server, `${header}.${payload}.${flipped}`));
    expect(tampered).toMatchObject({
      status: 401,
      code: 'invalid_id_token',
      message: 'The sign-in token has an invalid signature',
    });

    // Same kid as the provider's, another private key.
    const { privateKey } = await generateKeyPair('RS256');
    const forged = await new SignJWT(claimsFor(idp, ADA))
      .setProtectedHeader({ alg: 'RS256', kid: idp.currentKid() })
      .setIssuedAt()
      .setExpirationTime('1h')
      .sign(privateKey);
    expect(await outcome(await signIn(server, forged))).toMatchObject({
      code: 'invalid_id_token',
      message: 'The sign-in token has an invalid signature',
    });
  });

  it('that is unsigned (alg none) or not a JWT at all', async () => {
    const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const unsigned = `${encode({ alg: 'none' })}.${encode({ ...claimsFor(idp, ADA), iat: now(), exp: now() + 600 })}.`;
    expect(await outcome(await signIn(server, unsigned))).toMatchObject({
      status: 401,
      code: 'invalid_id_token',
    });
    expect(await outcome(await signIn(server, 'not-a-jwt'))).toMatchObject({
      status: 401,
      code: 'invalid_id_token',
    });
  });
});

describe('clock tolerance', () => {
  it('accepts a token expired within the tolerance and refuses one expired beyond it', async () => {
    const iat = now() - 600;
    expect(
      await outcome(await signIn(server, await signed({ iat, exp: now() - (TOLERANCE - 10) }))),
    ).toMatchObject({
      status: 200,
    });
    const expired = await outcome(await signIn(server, await signed({ iat, exp: now() - (TOLERANCE + 10) })));
    expect(expired).toMatchObject({ status: 401, code: 'id_token_expired' });
    expect(expired.message).toMatch(/expired/);
  });

  it('accepts an iat or nbf slightly ahead of the server clock, and refuses one beyond the tolerance', async () => {
    const exp = now() + 3600;
    expect(
      await outcome(await signIn(server, await signed({ iat: now() + TOLERANCE - 10, exp }))),
    ).toMatchObject({
      status: 200,
    });
    expect(
      await outcome(await signIn(server, await signed({ iat: now() + TOLERANCE + 10, exp }))),
    ).toMatchObject({
      status: 401,
      code: 'id_token_expired',
    });
    expect(
      await outcome(await signIn(server, await signed({ nbf: now() + TOLERANCE + 10, exp }))),
    ).toMatchObject({
      status: 401,
      code: 'id_token_expired',
    });
  });
});

describe('key rotation at the provider', () => {
  it('is picked up: a token signed with the new key is accepted after one with the old key', async () => {
    expect(await outcome(await signIn(server, await idTokenFor(idp, 'ada')))).toMatchObject({ status: 200 });
    const before = idp.currentKid();
    await idp.rotateKeys();
    expect(idp.currentKid()).not.toBe(before);
    const token = await idTokenFor(idp, 'ada');
    expect(JSON.parse(Buffer.from(token.split('.')[0] ?? '', 'base64url').toString())).toMatchObject({
      kid: idp.currentKid(),
    });
    expect(await outcome(await signIn(server, token))).toMatchObject({
      status: 200,
      message: 'signed in as p000001',
    });
  });
});

describe('an unreachable provider', () => {
  it('answers 503 idp_unreachable with a clear message, and stores nothing', async () => {
    const gone = await startOidcProvider();
    const config = oidcConfigFor(gone);
    await gone.stop();
    const orphan = await startTestServer({ oidc: config });
    try {
      await upsertPeople(orphan.db, [makePerson(1, { email: 'ada@example.com' })]);
      const token = await new SignJWT(claimsFor(gone, ADA))
        .setProtectedHeader({ alg: 'RS256' })
        .setIssuedAt()
        .setExpirationTime('1h')
        .sign((await generateKeyPair('RS256')).privateKey);
      const answer = await outcome(await signIn(orphan, token));
      expect(answer).toMatchObject({ status: 503, code: 'idp_unreachable' });
      expect(answer.message).toMatch(/identity provider cannot be used right now.*could not be read/);
      expect(await orphan.db.selectFrom('session_tokens').selectAll().execute()).toEqual([]);
    } finally {
      await orphan.stop();
    }
  });
});

describe('a provider whose keys are not on https', () => {
  it('answers 503 idp_unreachable naming the http jwks_uri, and fetches nothing from it', async () => {
    // A provider on this machine (http is allowed for loopback) whose discovery document names keys elsewhere.
    const discovery = createServer((_request, response) => {
      const address = discovery.address() as AddressInfo;
      response.setHeader('content-type', 'application/json');
      response.end(
        JSON.stringify({
          issuer: `http://127.0.0.1:${address.port}`,
          jwks_uri: 'http://keys.example.com/jwks',
          id_token_signing_alg_values_supported: ['RS256'],
        }),
      );
    });
    await new Promise<void>((resolve) => discovery.listen(0, '127.0.0.1', resolve));
    const issuer = `http://127.0.0.1:${(discovery.address() as AddressInfo).port}`;
    const plain = await startTestServer({ oidc: { ...oidcConfigFor(idp), issuer } });
    try {
      const token = await new SignJWT({ ...ADA, iss: issuer, aud: idp.clientId })
        .setProtectedHeader({ alg: 'RS256' })
        .setIssuedAt()
        .setExpirationTime('1h')
        .sign((await generateKeyPair('RS256')).privateKey);
      const answer = await outcome(await signIn(plain, token));
      expect(answer).toMatchObject({ status: 503, code: 'idp_unreachable' });
      expect(answer.message).toContain('http://keys.example.com/jwks, which is not https');
    } finally {
      await plain.stop();
      await new Promise((resolve) => discovery.close(resolve));
    }
  });
});
