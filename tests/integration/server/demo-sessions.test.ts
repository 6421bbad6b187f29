import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiError, AuthSession, Me } from '#shared/wire/auth';
import { generateOrg } from '#server/server';
import { startTestServer, type ServerFixture } from './server-fixture.ts';

function postSession(server: ServerFixture, body?: unknown) {
  return fetch(`${server.url}/v1/demo/sessions`, {
    method: 'POST',
    ...(body !== undefined && {
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    }),
  });
}

describe('POST /v1/demo/sessions on a demo server', () => {
  let server: ServerFixture;
  const org = generateOrg({ size: 'S', seed: 7 });
  beforeAll(async () => {
    server = await startTestServer({ demo: { size: 'S', seed: 7 } });
  });
  afterAll(() => server.stop());

  it('signs in as the designated demo user when no email is given', async () => {
    const response = await postSession(server, {});
    expect(response.status).toBe(200);
    const session = AuthSession.parse(await response.json());
    expect(session.person.id).toBe(org.demoUserId);
    const me = Me.parse(await (await server.get('/v1/me', session.accessToken)).json());
    expect(me.person.id).toBe(org.demoUserId);
  });

  it('signs in as the designated demo user when the request has no body at all', async () => {
    const response = await postSession(server);
    expect(response.status).toBe(200);
    expect(AuthSession.parse(await response.json()).person.id).toBe(org.demoUserId);
  });

  it('signs in as the person with the given email', async () => {
    const someone = org.people[42];
    const response = await postSession(server, { email: someone?.email });
    expect(response.status).toBe(200);
    const session = AuthSession.parse(await response.json());
    expect(session.person).toEqual(someone);
    expect(session.accessToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(session.refreshToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(session).toMatchObject({ expiresIn: 3600, refreshExpiresIn: 30 * 24 * 3600 });
  });

  it('issues a different token on every call', async () => {
    const a = AuthSession.parse(await (await postSession(server, {})).json());
    const b = AuthSession.parse(await (await postSession(server, {})).json());
    expect(a.accessToken).not.toBe(b.accessToken);
  });

  it('answers 404 not_found for an unknown email', async () => {
    const response = await postSession(server, { email: 'nobody.here@example.com' });
    expect(response.status).toBe(404);
    const body = ApiError.parse(await response.json());
    expect(body.error).toEqual({
      code: 'not_found',
      message: 'No person with email nobody.here@example.com',
    });
  });

  it('answers 400 invalid_input naming the field for a malformed email', async () => {
    const response = await postSession(server, { email: 'not-an-email' });
    expect(response.status).toBe(400);
    const body = ApiError.parse(await response.json());
    expect(body.error.code).toBe('invalid_input');
    expect(body.error.message).toContain("'email'");
  });

  it('answers 400 invalid_input for an unknown body field', async () => {
    const response = await postSession(server, { email: org.people[0]?.email, admin: true });
    expect(response.status).toBe(400);
    expect(ApiError.parse(await response.json()).error.message).toContain('admin');
  });

  it('answers 400 invalid_input for a body that is not JSON', async () => {
    const response = await fetch(`${server.url}/v1/demo/sessions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{oops',
    });
    expect(response.status).toBe(400);
    expect(ApiError.parse(await response.json()).error.code).toBe('invalid_input');
  });
});

describe('POST /v1/demo/sessions on a server without a demo org', () => {
  let server: ServerFixture;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.stop());

  it('answers 404 not_found', async () => {
    const response = await postSession(server, {});
    expect(response.status).toBe(404);
    expect(ApiError.parse(await response.json()).error.code).toBe('not_found');
  });
});
