import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiError, AuthConfig, AuthSession } from '#shared/wire/auth';
import { upsertPeople } from '#server/server';
import { startOidcProvider, type TestOidcProvider } from '../../support/oidc-provider.ts';
import { idTokenFor, oidcConfigFor } from './auth-oidc-fixture.ts';
import { makePerson, startTestServer, type ServerFixture } from './server-fixture.ts';

let idp: TestOidcProvider;
let byEmail: ServerFixture;
let byOid: ServerFixture;

const ADA = makePerson(1, { email: 'ada@example.com', name: 'Ada Lovelace' });
const ERIN = makePerson(5, { email: 'erin@example.com', name: 'Erin Left', active: false });

beforeAll(async () => {
  idp = await startOidcProvider({
    accounts: [
      { sub: 'ada', email: 'Ada@Example.com', email_verified: true, oid: 'oid-ada', name: 'Ada' },
      { sub: 'bob', email: 'bob@example.com', email_verified: false, oid: 'oid-bob' },
      { sub: 'carol', email: 'carol@elsewhere.org', email_verified: true },
      { sub: 'dave', email: 'dave@example.com', email_verified: true, oid: 'oid-dave' },
      { sub: 'erin', email: 'erin@example.com', email_verified: true, oid: 'oid-erin' },
    ],
  });
  const people = [ADA, makePerson(2, { email: 'bob@example.com' }), ERIN];
  byEmail = await startTestServer({ oidc: oidcConfigFor(idp, { allowedEmailDomains: ['example.com'] }) });
  byOid = await startTestServer({
    oidc: oidcConfigFor(idp, { personClaim: 'oid', providerName: 'Contoso' }),
  });
  for (const server of [byEmail, byOid]) {
    await upsertPeople(server.db, people);
    for (const [id, oid] of [
      ['p000001', 'oid-ada'],
      ['p000005', 'oid-erin'],
    ] as const) {
      await server.db.updateTable('people').set({ external_id: oid }).where('id', '=', id).execute();
    }
  }
});
afterAll(async () => {
  await Promise.all([byEmail?.stop(), byOid?.stop()]);
  await idp?.stop();
});

function signIn(server: ServerFixture, idToken: string) {
  return server.post('/v1/auth/sessions', { idToken });
}

async function refusal(response: Response) {
  return { status: response.status, ...ApiError.parse(await response.json()).error };
}

const sessionCount = async (server: ServerFixture) =>
  (await server.db.selectFrom('session_tokens').select('token_hash').execute()).length;

describe('GET /v1/auth/config', () => {
  it('publishes the provider, the client and the scopes on an OIDC server, without a token', async () => {
    const response = await byOid.get('/v1/auth/config');
    expect(response.status).toBe(200);
    expect(AuthConfig.parse(await response.json())).toEqual({
      mode: 'oidc',
      providerName: 'Contoso',
      issuer: idp.issuer,
      clientId: 'kith-desktop',
      scopes: ['openid', 'profile', 'email'],
      redirectPort: null,
    });
  });

  it('says demo on a demo server and none on a server with neither', async () => {
    const demo = await startTestServer({ demo: { size: 'S', seed: 1 } });
    const plain = await startTestServer();
    try {
      expect(await (await demo.get('/v1/auth/config')).json()).toEqual({ mode: 'demo' });
      expect(await (await plain.get('/v1/auth/config')).json()).toEqual({ mode: 'none' });
      expect(await refusal(await signIn(plain, 'x'))).toMatchObject({
        status: 404,
        code: 'oidc_not_configured',
      });
    } finally {
      await Promise.all([demo.stop(), plain.stop()]);
    }
  });
});

describe('POST /v1/auth/sessions', () => {
  it('signs in by verified email, matched case-insensitively, and the session works', async () => {
    const response = await signIn(byEmail, await idTokenFor(idp, 'ada'));
    expect(response.status).toBe(200);
    const session = AuthSession.parse(await response.json());
    expect(session.person).toEqual(ADA);
    expect(session.expiresIn).toBe(3600);
    expect((await byEmail.get('/v1/me', session.accessToken)).status).toBe(200);
  });

  it('signs in by the oid claim matched to the directory externalId', async () => {
    const response = await signIn(byOid, await idTokenFor(idp, 'ada'));
    expect(response.status).toBe(200);
    expect(AuthSession.parse(await response.json()).person.id).toBe('p000001');
  });

  it('refuses, storing nothing: unverified email, a domain not allowed, an unknown person, a deactivated one', async () => {
    const before = await sessionCount(byEmail);
    const cases = [
      ['bob', 'email_not_verified', /not verified bob@example\.com/],
      ['carol', 'email_domain_not_allowed', /elsewhere\.org may not sign in/],
      ['dave', 'unknown_person', /No one in Kith's directory has the email dave@example\.com/],
      ['erin', 'person_inactive', /Erin Left's account is deactivated/],
    ] as const;
    for (const [login, code, message] of cases) {
      const answer = await refusal(await signIn(byEmail, await idTokenFor(idp, login)));
      expect(answer, login).toMatchObject({ status: 401, code });
      expect(answer.message, login).toMatch(message);
    }
    expect(await sessionCount(byEmail)).toBe(before);
  });

  it('refuses by oid an unknown person, and one whose token has no oid', async () => {
    expect(await refusal(await signIn(byOid, await idTokenFor(idp, 'dave')))).toMatchObject({
      status: 401,
      code: 'unknown_person',
      message: "No one in Kith's directory has the oid oid-dave",
    });
    expect(await refusal(await signIn(byOid, await idTokenFor(idp, 'carol')))).toMatchObject({
      status: 401,
      code: 'invalid_id_token',
    });
  });

  it('refreshes a session it issued, and refuses the refresh once the person is deactivated', async () => {
    const session = AuthSession.parse(await (await signIn(byOid, await idTokenFor(idp, 'ada'))).json());
    const refreshed = await byOid.post('/v1/auth/refresh', { refreshToken: session.refreshToken });
    expect(refreshed.status).toBe(200);
    const next = AuthSession.parse(await refreshed.json());
    await upsertPeople(byOid.db, [{ ...ADA, active: false }]);
    try {
      expect(await refusal(await byOid.get('/v1/me', next.accessToken))).toMatchObject({
        status: 401,
        code: 'person_inactive',
      });
      expect(
        await refusal(await byOid.post('/v1/auth/refresh', { refreshToken: next.refreshToken })),
      ).toMatchObject({ status: 401, code: 'person_inactive' });
    } finally {
      await upsertPeople(byOid.db, [ADA]);
    }
  });

  it('answers 400 to a body without an ID token', async () => {
    expect(await refusal(await byEmail.post('/v1/auth/sessions', {}))).toMatchObject({
      status: 400,
      code: 'invalid_input',
    });
  });
});
