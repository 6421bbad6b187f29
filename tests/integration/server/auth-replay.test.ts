import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiError, AuthSession } from '#shared/wire/auth';
import { upsertPeople } from '#server/server';
import { startOidcProvider, type TestOidcProvider } from '../../support/oidc-provider.ts';
import { claimsFor, idTokenFor, oidcConfigFor } from './auth-oidc-fixture.ts';
import { makePerson, startTestServer, type ServerFixture } from './server-fixture.ts';

/** An ID token signs in once, and only soon after it was issued: a copy found later is good for nothing. */
let idp: TestOidcProvider;
let server: ServerFixture;
const TOLERANCE = 60;
const ADA = { sub: 'ada', email: 'ada@example.com', email_verified: true };

beforeAll(async () => {
  idp = await startOidcProvider({ accounts: [ADA] });
  server = await startTestServer({ oidc: oidcConfigFor(idp, { clockToleranceSeconds: TOLERANCE }) });
  await upsertPeople(server.db, [makePerson(1, { email: 'ada@example.com' })]);
});
afterAll(async () => {
  await server?.stop();
  await idp?.stop();
});

const now = () => Math.floor(Date.now() / 1000);
const signIn = (idToken: string) => server.post('/v1/auth/sessions', { idToken });
const families = async () =>
  new Set(
    (await server.db.selectFrom('session_tokens').select('family_id').execute()).map((r) => r.family_id),
  ).size;

describe('POST /v1/auth/sessions with an ID token', () => {
  it('signs in once: the same token again is refused and opens no second session', async () => {
    await server.db.deleteFrom('session_tokens').execute();
    const idToken = await idTokenFor(idp, 'ada');
    const first = await signIn(idToken);
    expect(first.status).toBe(200);
    expect(AuthSession.parse(await first.json()).person.id).toBe('p000001');
    const again = await signIn(idToken);
    expect(again.status).toBe(401);
    expect(ApiError.parse(await again.json()).error).toEqual({
      code: 'invalid_id_token',
      message: 'This sign-in was already used; sign in again',
    });
    expect(await families()).toBe(1);
    // A fresh sign-in at the provider still works.
    expect((await signIn(await idTokenFor(idp, 'ada'))).status).toBe(200);
  });

  it('refuses a token issued longer ago than 10 minutes plus the clock tolerance, though not expired', async () => {
    const issued = (secondsAgo: number) =>
      idp.signIdToken(claimsFor(idp, { ...ADA, iat: now() - secondsAgo, exp: now() + 3600 }));
    expect((await signIn(await issued(600 + TOLERANCE - 10))).status).toBe(200);
    const old = await signIn(await issued(600 + TOLERANCE + 10));
    expect(old.status).toBe(401);
    const { error } = ApiError.parse(await old.json());
    expect(error.code).toBe('id_token_expired');
    expect(error.message).toMatch(/issued more than 10 minutes ago/);
  });
});
