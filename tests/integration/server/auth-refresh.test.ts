import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { AuthSession } from '#shared/wire/auth';
import { issueSession, issueToken, upsertPeople } from '#server/server';
import { makePerson, range, startTestServer, refusalOf, type ServerFixture } from './server-fixture.ts';

let server: ServerFixture;

beforeAll(async () => {
  server = await startTestServer({ sessionSweepIntervalMs: 100 });
  await upsertPeople(
    server.db,
    range(1, 6).map((n) => makePerson(n)),
  );
});
afterAll(() => server.stop());

async function refresh(refreshToken: string) {
  return server.post('/v1/auth/refresh', { refreshToken });
}

describe('POST /v1/auth/refresh', () => {
  it('answers a new session whose access token works, and the used refresh token cannot be used again', async () => {
    const first = await issueSession(server.db, 'p000001');
    const response = await refresh(first.refreshToken);
    expect(response.status).toBe(200);
    const lost = AuthSession.parse(await response.json());
    expect(lost.person.id).toBe('p000001');
    expect(lost.refreshToken).not.toBe(first.refreshToken);
    expect((await server.get('/v1/me', lost.accessToken)).status).toBe(200);

    // Presented again at once, its successor unused: a retry whose answer was lost, answered anew.
    const retried = await refresh(first.refreshToken);
    expect(retried.status).toBe(200);
    const second = AuthSession.parse(await retried.json());
    expect((await server.get('/v1/me', lost.accessToken)).status).toBe(401);
    expect((await server.get('/v1/me', second.accessToken)).status).toBe(200);
    const third = AuthSession.parse(await (await refresh(second.refreshToken)).json());

    // Once its successor was used, it is a reuse.
    const again = await refusalOf(await refresh(first.refreshToken));
    expect(again).toMatchObject({ status: 401, code: 'refresh_reused' });
    expect(again.message).toMatch(/already used.*revoked.*Sign in again/s);
    // Reuse revokes the family: the newest tokens of that sign-in stop working too.
    expect((await server.get('/v1/me', third.accessToken)).status).toBe(401);
    expect(await refusalOf(await refresh(third.refreshToken))).toMatchObject({
      status: 401,
      code: 'unauthorized',
    });
  });

  it('refuses a deactivated person, and their access token too', async () => {
    const session = await issueSession(server.db, 'p000002');
    await upsertPeople(server.db, [makePerson(2, { active: false })]);
    const bearer = await refusalOf(await server.get('/v1/me', session.accessToken));
    expect(bearer).toMatchObject({ status: 401, code: 'person_inactive' });
    expect(bearer.message).toMatch(/deactivated/);
    const refreshed = await refusalOf(await refresh(session.refreshToken));
    expect(refreshed).toMatchObject({ status: 401, code: 'person_inactive' });
    expect(refreshed.message).toMatch(/deactivated/);
  });

  it('answers 401 for an unknown token and 400 for a malformed body', async () => {
    expect(await refusalOf(await refresh('z'.repeat(43)))).toMatchObject({
      status: 401,
      code: 'unauthorized',
    });
    expect(await refusalOf(await server.post('/v1/auth/refresh', { refreshToken: 12 }))).toMatchObject({
      status: 400,
      code: 'invalid_input',
    });
    expect(await refusalOf(await server.post('/v1/auth/refresh', '{"refreshToken":'))).toMatchObject({
      status: 400,
      code: 'invalid_input',
    });
  });
});

describe('bearer check', () => {
  it('refuses an expired access token with token_expired', async () => {
    const token = await issueToken(server.db, 'p000003', new Date(Date.now() - 2 * 3600_000));
    expect(await refusalOf(await server.get('/v1/me', token))).toMatchObject({
      status: 401,
      code: 'token_expired',
    });
  });
});

describe('POST /v1/auth/sign-out', () => {
  it('revokes the session (its access token stops working) and answers 204 again when repeated', async () => {
    const session = await issueSession(server.db, 'p000004');
    const other = await issueSession(server.db, 'p000004');
    expect((await server.post('/v1/auth/sign-out', { refreshToken: session.refreshToken })).status).toBe(204);
    expect((await server.get('/v1/me', session.accessToken)).status).toBe(401);
    expect((await refresh(session.refreshToken)).status).toBe(401);
    expect((await server.post('/v1/auth/sign-out', { refreshToken: session.refreshToken })).status).toBe(204);
    // Another device of the same person stays signed in.
    expect((await server.get('/v1/me', other.accessToken)).status).toBe(200);
  });
});

describe('the session sweeper', () => {
  it('deletes expired rows on its timer, without any sign-in', async () => {
    const longAgo = new Date(Date.now() - 31 * 24 * 3600_000);
    const stale = await issueSession(server.db, 'p000005', longAgo);
    const live = await issueSession(server.db, 'p000005');
    const rowsOf = () =>
      server.db.selectFrom('session_tokens').select('kind').where('person_id', '=', 'p000005').execute();
    await vi.waitFor(async () => expect(await rowsOf()).toHaveLength(2), { timeout: 5000 });
    expect((await refresh(stale.refreshToken)).status).toBe(401);
    expect((await server.get('/v1/me', live.accessToken)).status).toBe(200);
  });
});
