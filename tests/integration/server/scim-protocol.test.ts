import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueToken } from '#server/server';
import { revokeProvisioningToken, createProvisioningToken } from '#server/repos/provisioning-tokens.repo';
import { ENTERPRISE, ERROR, GROUP, startScimServer, USER, type ScimFixture } from './scim-fixture.ts';
import { startTestServer } from './server-fixture.ts';

describe('SCIM /scim/v2: authentication, discovery, bad input', () => {
  let fx: ScimFixture;
  beforeAll(async () => (fx = await startScimServer()));
  afterAll(() => fx.stop());

  it('refuses without a provisioning token: none, unknown, a person’s access token, a revoked one (401, SCIM error)', async () => {
    const person = await fx.createUser('person@example.com');
    const access = await issueToken(fx.server.db, person);
    const revoked = await createProvisioningToken(fx.server.db, 'old');
    await revokeProvisioningToken(fx.server.db, revoked.id);
    for (const token of [null, 'kith_scim_nope', access, revoked.token]) {
      const answer = await fx.scim('GET', '/Users', undefined, { token });
      expect(answer.status, String(token)).toBe(401);
      expect(answer.body).toMatchObject({ schemas: [ERROR], status: '401' });
    }
  });

  it('a provisioning token opens no /v1 route: it is no session', async () => {
    for (const path of ['/v1/me', '/v1/sync/bootstrap', '/v1/sync/pull?since=0', '/v1/me/notes-key']) {
      expect((await fx.server.get(path, fx.token)).status, path).toBe(401);
    }
  });

  it('is off unless the configuration enables it: 404', async () => {
    const off = await startTestServer();
    try {
      const { token } = await createProvisioningToken(off.db, 'unused');
      const answer = await fetch(`${off.url}/scim/v2/Users`, { headers: { authorization: `Bearer ${token}` } });
      expect(answer.status).toBe(404);
    } finally {
      await off.stop();
    }
  });

  it('publishes ServiceProviderConfig, ResourceTypes and Schemas (core User, enterprise User, Group)', async () => {
    const config = await fx.scim('GET', '/ServiceProviderConfig');
    expect(config.contentType).toMatch(/^application\/scim\+json/);
    expect(config.body).toMatchObject({ patch: { supported: true }, filter: { supported: true }, bulk: { supported: false } });
    const types = await fx.scim('GET', '/ResourceTypes');
    expect((types.body.Resources as { endpoint: string }[]).map((r) => r.endpoint)).toEqual(['/Users', '/Groups']);
    expect((await fx.scim('GET', '/ResourceTypes/User')).body.schemaExtensions).toEqual([{ schema: ENTERPRISE, required: false }]);
    const schemas = await fx.scim('GET', '/Schemas');
    expect((schemas.body.Resources as { id: string }[]).map((s) => s.id)).toEqual([USER, ENTERPRISE, GROUP]);
    const user = await fx.scim('GET', `/Schemas/${USER}`);
    expect((user.body.attributes as { name: string }[]).map((a) => a.name)).toContain('userName');
    expect((await fx.scim('GET', '/Schemas/urn:nope')).status).toBe(404);
  });

  it.each([
    ['application/scim+json', 'application/scim+json', 201],
    ['application/json (Okta)', 'application/json', 201],
    ['application/scim+json; charset=utf-8', 'application/scim+json; charset=utf-8', 201],
    ['text/plain', 'text/plain', 415],
  ])('takes a body sent as %s', async (_name, contentType, status) => {
    const userName = `ct-${Math.random()}@example.com`;
    const answer = await fx.scim('POST', '/Users', { schemas: [USER], userName }, { contentType });
    expect(answer.status).toBe(status);
    if (status !== 201) expect(answer.body).toMatchObject({ schemas: [ERROR], status: String(status) });
  });

  it.each([
    ['malformed JSON', '{"userName": ', 400, 'invalidSyntax'],
    ['a JSON array', '[]', 400, 'invalidSyntax'],
    ['no userName', { schemas: [USER], emails: [{ value: 'a@example.com' }] }, 400, 'invalidValue'],
    ['userName a number', { userName: 42 }, 400, 'invalidValue'],
    ['emails not a list', { userName: 'a@example.com', emails: 'a@example.com' }, 400, 'invalidValue'],
    ['active "maybe"', { userName: 'a@example.com', active: 'maybe' }, 400, 'invalidValue'],
    ['no email at all', { userName: 'not-an-email' }, 400, 'invalidValue'],
    ['name.givenName an object', { userName: 'a@example.com', name: { givenName: { x: 1 } } }, 400, 'invalidValue'],
    ['a body over 2 MiB', JSON.stringify({ userName: 'a@example.com', title: 'x'.repeat(2_200_000) }), 413, undefined],
  ])('refuses %s', async (_name, body, status, scimType) => {
    const before = await fx.server.db.selectFrom('people').select('id').execute();
    const answer = await fx.scim('POST', '/Users', body);
    expect(answer.status).toBe(status);
    expect(answer.body).toMatchObject({ schemas: [ERROR], status: String(status), ...(scimType ? { scimType } : {}) });
    expect(typeof answer.body.detail).toBe('string');
    expect(await fx.server.db.selectFrom('people').select('id').execute()).toEqual(before);
  });

  it('ignores unknown attributes (RFC 7644 §3.3): they are not stored nor answered', async () => {
    const answer = await fx.scim('POST', '/Users', {
      schemas: [USER, 'urn:example:custom'],
      userName: 'extra@example.com',
      favouriteColour: 'blue',
      'urn:example:custom': { badge: 7 },
      name: { givenName: 'Ex', nickname: 'nope' },
    });
    expect(answer.status).toBe(201);
    expect(answer.body.favouriteColour).toBeUndefined();
    expect(answer.body['urn:example:custom']).toBeUndefined();
    expect(answer.body.name).toEqual({ givenName: 'Ex' });
  });

  it('answers unknown paths and ids in the SCIM error shape', async () => {
    for (const path of ['/Nope', '/Users/does-not-exist', '/Groups/does-not-exist']) {
      const answer = await fx.scim('GET', path);
      expect(answer.status, path).toBe(404);
      expect(answer.body).toMatchObject({ schemas: [ERROR], status: '404' });
    }
  });
});
