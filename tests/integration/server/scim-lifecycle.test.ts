import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findPerson, issueSession } from '#server/server';
import { refreshSession } from '#server/repos/sessions.repo';
import { ENTERPRISE, ERROR, PATCH_OP, startScimServer, USER, type ScimFixture } from './scim-fixture.ts';

const withManager = (value: string) => ({ [ENTERPRISE]: { manager: { value } } });

describe('SCIM managers, deactivation and adoption', () => {
  let fx: ScimFixture;
  beforeAll(async () => (fx = await startScimServer({ demo: true })));
  afterAll(() => fx.stop());

  const managerOf = async (id: string) => (await findPerson(fx.server.db, id))?.managerId;

  it('sets the manager by SCIM id (RFC 7643 {value}) and by Entra ID bare id, and removes it', async () => {
    const boss = await fx.createUser('boss@example.com');
    const report = await fx.createUser('report@example.com', withManager(boss));
    expect(await managerOf(report)).toBe(boss);
    const other = await fx.createUser('other-boss@example.com');
    const path = `${ENTERPRISE}:manager`;
    await fx.scim('PATCH', `/Users/${report}`, {
      schemas: [PATCH_OP],
      Operations: [{ op: 'Add', path, value: other }],
    });
    expect(await managerOf(report)).toBe(other);
    const answer = await fx.scim('PATCH', `/Users/${report}`, { Operations: [{ op: 'Remove', path }] });
    expect(answer.body[ENTERPRISE]?.manager).toBeUndefined();
    expect(await managerOf(report)).toBeNull();
  });

  it('resolves a manager who arrives later (by externalId), with a new seq for the report', async () => {
    const report = await fx.createUser('early@example.com', withManager('ext-late-boss'));
    expect(await managerOf(report)).toBeNull();
    const pending = await fx.scim('GET', `/Users/${report}`);
    expect(pending.body[ENTERPRISE].manager).toEqual({ value: 'ext-late-boss' });
    const seqBefore = (
      await fx.server.db.selectFrom('people').select('seq').where('id', '=', report).executeTakeFirstOrThrow()
    ).seq;
    const boss = await fx.createUser('late-boss@example.com', { externalId: 'ext-late-boss' });
    expect(await managerOf(report)).toBe(boss);
    const seqAfter = (
      await fx.server.db.selectFrom('people').select('seq').where('id', '=', report).executeTakeFirstOrThrow()
    ).seq;
    expect(seqAfter).toBeGreaterThan(seqBefore);
  });

  it.each([
    ['themselves', 1],
    ['a two-person loop', 2],
    ['a three-person loop', 3],
  ])(
    'refuses making someone their own manager through %s: 400 with the chain, nothing written',
    async (_name, size) => {
      const ids: string[] = [];
      for (let i = 0; i < size; i++)
        ids.push(await fx.createUser(`loop${size}-${i}@example.com`, i > 0 ? withManager(ids[i - 1]!) : {}));
      const before = await fx.server.db.selectFrom('people').select(['id', 'seq', 'manager_id']).execute();
      const answer = await fx.scim('PATCH', `/Users/${ids[0]}`, {
        Operations: [{ op: 'replace', path: `${ENTERPRISE}:manager`, value: { value: ids[size - 1] } }],
      });
      expect(answer.status).toBe(400);
      expect(answer.body).toMatchObject({ schemas: [ERROR], scimType: 'invalidValue' });
      expect(answer.body.detail).toMatch(/loop in the reporting chain/);
      expect(await fx.server.db.selectFrom('people').select(['id', 'seq', 'manager_id']).execute()).toEqual(
        before,
      );
    },
  );

  it('refuses a late manager whose arrival would close a loop', async () => {
    const a = await fx.createUser('wait-a@example.com', withManager('ext-wait-b'));
    const answer = await fx.scim('POST', '/Users', {
      schemas: [USER, ENTERPRISE],
      userName: 'wait-b@example.com',
      externalId: 'ext-wait-b',
      ...withManager(a),
    });
    expect(answer.status).toBe(400);
    expect(answer.body.detail).toMatch(/loop/);
    expect(
      (await fx.scim('GET', `/Users?filter=${encodeURIComponent('externalId eq "ext-wait-b"')}`)).body
        .totalResults,
    ).toBe(0);
  });

  it('deactivates with active false: readable and filterable, inactive in the app, signed out', async () => {
    const id = await fx.createUser('leaver@example.com');
    const { accessToken: token, refreshToken } = await issueSession(fx.server.db, id);
    expect((await fx.server.get('/v1/me', token)).status).toBe(200);
    const answer = await fx.scim('PATCH', `/Users/${id}`, {
      Operations: [{ op: 'Replace', path: 'active', value: 'False' }],
    });
    expect(answer.body.active).toBe(false);
    expect((await findPerson(fx.server.db, id))?.active).toBe(false);
    expect((await fx.server.get('/v1/me', token)).status).toBe(401);
    expect((await fx.scim('GET', `/Users/${id}`)).body.active).toBe(false);
    const filtered = await fx.scim(
      'GET',
      `/Users?filter=${encodeURIComponent('userName eq "leaver@example.com" and active eq false')}`,
    );
    expect(filtered.body.totalResults).toBe(1);
    // The session was revoked, not just refused while inactive: reactivated, the old token stays dead, and
    // the refresh says why the session ended.
    await fx.scim('PATCH', `/Users/${id}`, { Operations: [{ op: 'replace', path: 'active', value: true }] });
    expect((await fx.server.get('/v1/me', token)).status).toBe(401);
    expect(await refreshSession(fx.server.db, refreshToken)).toEqual({ ok: false, reason: 'deactivated' });
  });

  it('takes over a person the demo (or an HR import) put in, by email, instead of a 409', async () => {
    const demo = await fx.server.db
      .selectFrom('people')
      .select(['id', 'email', 'skills'])
      .where('user_name', 'is', null)
      .executeTakeFirstOrThrow();
    const answer = await fx.scim('POST', '/Users', {
      schemas: [USER],
      userName: demo.email,
      title: 'Directory title',
    });
    expect(answer.status).toBe(201);
    expect(answer.body.id).toBe(demo.id);
    expect(await findPerson(fx.server.db, demo.id)).toMatchObject({
      title: 'Directory title',
      skills: JSON.parse(demo.skills),
    });
    // Taken over once: a second POST with that email is a duplicate.
    expect(
      (
        await fx.scim('POST', '/Users', {
          schemas: [USER],
          userName: 'x@example.com',
          emails: [{ value: demo.email }],
        })
      ).status,
    ).toBe(409);
  });
});
