import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiError, Me } from '#shared/wire/auth';
import { deletePerson, issueToken, upsertPeople } from '#server/server';
import { makePerson, range, startTestServer, type ServerFixture } from './server-fixture.ts';

let server: ServerFixture;
let token: string;

beforeAll(async () => {
  server = await startTestServer();
  await upsertPeople(
    server.db,
    range(1, 3).map((n) => makePerson(n)),
  );
  token = await issueToken(server.db, 'p000002');
});
afterAll(() => server.stop());

describe('GET /v1/health', () => {
  it('answers ok without a token', async () => {
    const response = await server.get('/v1/health');
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ok: true });
  });
});

describe('bearer auth', () => {
  const protectedPaths = ['/v1/me', '/v1/sync/pull?since=0', '/v1/sync/bootstrap'];

  it.each(protectedPaths)('answers 401 unauthorized when %s has no token', async (path) => {
    const response = await server.get(path);
    expect(response.status).toBe(401);
    const body = ApiError.parse(await response.json());
    expect(body.error.code).toBe('unauthorized');
    expect(body.error.message).toMatch(/Bearer/);
  });

  it.each(protectedPaths)('answers 401 unauthorized when %s has an unknown token', async (path) => {
    const response = await server.get(path, 'not-a-real-token');
    expect(response.status).toBe(401);
    expect(ApiError.parse(await response.json()).error.code).toBe('unauthorized');
  });

  it('answers 401 when the header is not a bearer scheme', async () => {
    const response = await fetch(`${server.url}/v1/me`, { headers: { authorization: `Basic ${token}` } });
    expect(response.status).toBe(401);
  });

  it('checks the token before the query, so a bad query without a token is still a 401', async () => {
    const response = await server.get('/v1/sync/pull?since=oops');
    expect(response.status).toBe(401);
  });

  it('rejects the token of a person who has since been deleted', async () => {
    const doomed = await issueToken(server.db, 'p000003');
    expect((await server.get('/v1/me', doomed)).status).toBe(200);
    await deletePerson(server.db, 'p000003');
    expect((await server.get('/v1/me', doomed)).status).toBe(401);
  });
});

describe('GET /v1/me', () => {
  it('returns the person the token was issued to', async () => {
    const response = await server.get('/v1/me', token);
    expect(response.status).toBe(200);
    const me = Me.parse(await response.json());
    expect(me.person).toEqual(makePerson(2));
  });
});

describe('unknown routes', () => {
  it('answer 404 not_found in the ApiError shape', async () => {
    const response = await server.get('/v1/nothing-here', token);
    expect(response.status).toBe(404);
    expect(ApiError.parse(await response.json()).error.code).toBe('not_found');
  });
});
