import type { Kysely } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { LocalDb } from '#core/store/local-db';
import { createProvisioningToken } from '#server/repos/provisioning-tokens.repo';
import { settle, startPushFixture } from '../../support/push-fixture.ts';
import { ENTERPRISE, GROUP, PATCH_OP, scimClient, USER, type ScimFixture } from './scim-fixture.ts';

type Fixture = Awaited<ReturnType<typeof startPushFixture>>;

/** Polls the core's cache until `check` holds: a deadline against hanging only (no speed claim). */
async function waitUntil(what: string, check: () => Promise<boolean>, ms = 10_000) {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

const localPerson = (db: Kysely<LocalDb>, id: string) =>
  db.selectFrom('people').selectAll().where('id', '=', id).executeTakeFirst();

const localMembers = async (db: Kysely<LocalDb>, communityId: string) =>
  (
    await db
      .selectFrom('memberships')
      .select('person_id')
      .where('community_id', '=', communityId)
      .orderBy('person_id')
      .execute()
  ).map((m) => m.person_id);

describe('SCIM writes reach a signed-in core', () => {
  let fx: Fixture;
  let scim: ScimFixture['scim'];
  beforeEach(async () => {
    fx = await startPushFixture({ scim: true });
    scim = scimClient(fx.url, (await createProvisioningToken(fx.server.db, 'sync tests')).token);
  });
  afterEach(() => fx.close());

  async function createUser(userName: string, extra: Record<string, unknown> = {}) {
    const answer = await scim('POST', '/Users', { schemas: [USER, ENTERPRISE], userName, ...extra });
    expect(answer.status).toBe(201);
    return answer.body.id as string;
  }

  it('a new colleague, a new title and a deactivation each arrive within one poke', async () => {
    const { db, core } = await fx.signedInCore('a', { liveUpdates: true });
    await settle(core);
    const id = await createUser('new.colleague@example.com', {
      displayName: 'New Colleague',
      title: 'Analyst',
    });
    await waitUntil('the new colleague', async () => (await localPerson(db, id))?.title === 'Analyst');

    await scim('PATCH', `/Users/${id}`, {
      schemas: [PATCH_OP],
      Operations: [{ op: 'Replace', path: 'title', value: 'Lead Analyst' }],
    });
    await waitUntil('the new title', async () => (await localPerson(db, id))?.title === 'Lead Analyst');

    await scim('PATCH', `/Users/${id}`, {
      schemas: [PATCH_OP],
      Operations: [{ op: 'Replace', path: 'active', value: 'False' }],
    });
    await waitUntil('the deactivation', async () => (await localPerson(db, id))?.active === 0);
    expect((await core.handlers.directory.getProfile({ id })).person.active).toBe(false);
  });

  it('a group whose members change by PATCH shows the right members in the core', async () => {
    const { db, core } = await fx.signedInCore('a', { liveUpdates: true });
    const [a, b, c] = [
      await createUser('a@example.com'),
      await createUser('b@example.com'),
      await createUser('c@example.com'),
    ];
    const created = await scim('POST', '/Groups', {
      schemas: [GROUP],
      displayName: 'HR',
      members: [{ value: a }, { value: b }],
    });
    const group = created.body.id as string;
    await settle(core);
    const community = await db
      .selectFrom('communities')
      .selectAll()
      .where('id', '=', group)
      .executeTakeFirstOrThrow();
    expect(community).toMatchObject({ name: 'HR', kind: 'team', managed_by_directory: 1 });
    expect(await localMembers(db, group)).toEqual([a, b].sort());

    await scim('PATCH', `/Groups/${group}`, {
      schemas: [PATCH_OP],
      Operations: [
        { op: 'Add', path: 'members', value: [{ value: c }] },
        { op: 'Remove', path: 'members', value: [{ value: a }] },
      ],
    });
    await waitUntil(
      'the new members',
      async () => (await localMembers(db, group)).join() === [b, c].sort().join(),
    );

    await scim('PATCH', `/Groups/${group}`, {
      Operations: [{ op: 'remove', path: `members[value eq "${b}"]` }],
    });
    await waitUntil('Okta’s removal', async () => (await localMembers(db, group)).join() === c);

    expect((await scim('DELETE', `/Groups/${group}`)).status).toBe(204);
    await waitUntil('the archived team', async () => {
      const row = await db
        .selectFrom('communities')
        .select('archived')
        .where('id', '=', group)
        .executeTakeFirst();
      return row?.archived === 1 && (await localMembers(db, group)).length === 0;
    });
  });
});
