import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ERROR, GROUP, PATCH_OP, startScimServer, type ScimFixture } from './scim-fixture.ts';

type Op = { op: string; path?: string; value?: unknown };

/** The members a PATCH row ends with, by letter (a, b, c). */
type After = 'ab' | 'b' | 'abc' | 'c' | 'bc' | '';

describe('SCIM /Groups', () => {
  let fx: ScimFixture;
  let a: string, b: string, c: string;
  let n = 0;
  beforeAll(async () => {
    fx = await startScimServer();
    [a, b, c] = [
      await fx.createUser('a@example.com'),
      await fx.createUser('b@example.com'),
      await fx.createUser('c@example.com'),
    ];
  });
  afterAll(() => fx.stop());

  /** A group of a and b (RFC 7643 §8.4's shape); returns its id. */
  async function createGroup(displayName = `Team ${++n}`, extra: Record<string, unknown> = {}) {
    const answer = await fx.scim('POST', '/Groups', {
      schemas: [GROUP],
      displayName,
      members: [
        { value: a, $ref: `${fx.server.url}/scim/v2/Users/${a}`, display: 'A' },
        { value: b, display: 'B' },
      ],
      ...extra,
    });
    expect(answer.status, JSON.stringify(answer.body)).toBe(201);
    return answer.body.id as string;
  }
  const memberIds = async (id: string) =>
    (
      await fx.server.db
        .selectFrom('memberships')
        .select('person_id')
        .where('community_id', '=', id)
        .where('deleted', '=', 0)
        .orderBy('person_id')
        .execute()
    ).map((m) => m.person_id);
  const sorted = (...ids: string[]) => [...ids].sort();

  it('creates a team the directory manages: open, no creator, its members active members', async () => {
    const id = await createGroup('Tour Guides', { externalId: 'grp-1' });
    const community = await fx.server.db
      .selectFrom('communities')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(community).toMatchObject({
      name: 'Tour Guides',
      kind: 'team',
      visibility: 'open',
      created_by: null,
      managed_by_directory: 1,
      archived: 0,
    });
    const rows = await fx.server.db
      .selectFrom('memberships')
      .selectAll()
      .where('community_id', '=', id)
      .execute();
    expect(rows.map((r) => [r.role, r.status, r.deleted])).toEqual([
      ['member', 'active', 0],
      ['member', 'active', 0],
    ]);
    const got = await fx.scim('GET', `/Groups/${id}`);
    expect(got.body).toMatchObject({
      schemas: [GROUP],
      id,
      externalId: 'grp-1',
      displayName: 'Tour Guides',
      meta: { resourceType: 'Group' },
    });
    expect((got.body.members as { value: string }[]).map((m) => m.value).sort()).toEqual(sorted(a, b));
    expect((await fx.scim('GET', `/Groups/${id}?excludedAttributes=members`)).body.members).toBeUndefined();
  });

  it.each([
    ['displayName, without case', () => `displayName eq "tour guides"`, true],
    ['externalId', () => 'externalId eq "grp-1"', true],
    [
      'Entra ID: id and members[value eq …]',
      (id: string, member: string) => `id eq "${id}" and members[value eq "${member}"]`,
      true,
    ],
    ['a member it does not have', (id: string) => `id eq "${id}" and members[value eq "nobody"]`, false],
  ])('filters on %s', async (_name, filter, found) => {
    const all = await fx.scim(
      'GET',
      `/Groups?filter=${encodeURIComponent('displayName eq "Tour Guides"')}&excludedAttributes=members`,
    );
    const id = all.body.Resources[0].id as string;
    const answer = await fx.scim(
      'GET',
      `/Groups?filter=${encodeURIComponent(filter(id, a))}&excludedAttributes=members`,
    );
    expect(answer.body.totalResults).toBe(found ? 1 : 0);
  });

  it('refuses other group filters: 400 invalidFilter', async () => {
    const answer = await fx.scim('GET', `/Groups?filter=${encodeURIComponent('displayName co "Tour"')}`);
    expect(answer.body).toMatchObject({ status: '400', scimType: 'invalidFilter' });
  });

  type Ids = { a: string; b: string; c: string; group: string };
  /** Each row: the operations, the members after them, the name after them (if it changes). */
  const ROWS: [string, (ids: Ids) => Op[], After, string?][] = [
    ['Entra ID: Add members', ({ c }) => [{ op: 'Add', path: 'members', value: [{ value: c }] }], 'abc'],
    [
      'Entra ID: Remove members by value',
      ({ a }) => [{ op: 'Remove', path: 'members', value: [{ value: a }] }],
      'b',
    ],
    [
      'Okta: remove members[value eq "id"]',
      ({ a }) => [{ op: 'remove', path: `members[value eq "${a}"]` }],
      'b',
    ],
    [
      'Okta: add members with display',
      ({ c }) => [{ op: 'add', path: 'members', value: [{ value: c, display: 'C' }] }],
      'abc',
    ],
    [
      'Okta: replace without a path, id repeated',
      ({ group }) => [{ op: 'replace', value: { id: group, displayName: 'Renamed by Okta' } }],
      'ab',
      'Renamed by Okta',
    ],
    [
      'Entra ID: Replace displayName',
      () => [{ op: 'Replace', path: 'displayName', value: 'Renamed by Entra' }],
      'ab',
      'Renamed by Entra',
    ],
    [
      'RFC 7644: replace members',
      ({ c }) => [{ op: 'replace', path: 'members', value: [{ value: c }] }],
      'c',
    ],
    ['RFC 7644 §3.5.2.2: remove all members', () => [{ op: 'remove', path: 'members' }], ''],
    [
      'adding a member twice keeps one',
      ({ a }) => [{ op: 'add', path: 'members', value: [{ value: a }] }],
      'ab',
    ],
    [
      'several ops in order',
      ({ a, c }) => [
        { op: 'add', path: 'members', value: [{ value: c }] },
        { op: 'remove', path: `members[value eq "${a}"]` },
      ],
      'bc',
    ],
  ];

  it.each(ROWS)('PATCH: %s', async (_name, ops, expected, name) => {
    const group = await createGroup();
    const answer = await fx.scim('PATCH', `/Groups/${group}`, {
      schemas: [PATCH_OP],
      Operations: ops({ a, b, c, group }),
    });
    expect(answer.status, JSON.stringify(answer.body)).toBe(204);
    const want = { a, b, c };
    expect(await memberIds(group)).toEqual(sorted(...[...expected].map((k) => want[k as keyof typeof want])));
    if (name) expect((await fx.scim('GET', `/Groups/${group}`)).body.displayName).toBe(name);
  });

  it.each([
    [
      'a member who is no user',
      () => ({ Operations: [{ op: 'add', path: 'members', value: [{ value: 'not-a-user' }] }] }),
      400,
      'invalidValue',
    ],
    [
      'a nested group',
      (g: string) => ({ Operations: [{ op: 'add', path: 'members', value: [{ value: g, type: 'Group' }] }] }),
      400,
      'invalidValue',
    ],
    [
      'an empty displayName',
      () => ({ Operations: [{ op: 'replace', path: 'displayName', value: '' }] }),
      400,
      'invalidValue',
    ],
    [
      'a displayName another group has',
      () => ({ Operations: [{ op: 'replace', path: 'displayName', value: 'TOUR GUIDES' }] }),
      409,
      'uniqueness',
    ],
  ])('PATCH refuses %s, changing nothing', async (_name, body, status, scimType) => {
    const group = await createGroup();
    const before = await fx.server.db
      .selectFrom('memberships')
      .selectAll()
      .where('community_id', '=', group)
      .execute();
    const answer = await fx.scim('PATCH', `/Groups/${group}`, body(group));
    expect(answer.body).toMatchObject({ schemas: [ERROR], status: String(status), scimType });
    expect(
      await fx.server.db.selectFrom('memberships').selectAll().where('community_id', '=', group).execute(),
    ).toEqual(before);
  });

  it('replaces name and members with PUT', async () => {
    const group = await createGroup();
    const answer = await fx.scim('PUT', `/Groups/${group}`, {
      schemas: [GROUP],
      displayName: 'Put Team',
      members: [{ value: c }],
    });
    expect(answer.status).toBe(200);
    expect(answer.body.displayName).toBe('Put Team');
    expect(await memberIds(group)).toEqual([c]);
  });

  it('deletes: the team is archived, its memberships end, and it is gone from SCIM', async () => {
    const group = await createGroup('Short-lived');
    expect((await fx.scim('DELETE', `/Groups/${group}`)).status).toBe(204);
    const community = await fx.server.db
      .selectFrom('communities')
      .select('archived')
      .where('id', '=', group)
      .executeTakeFirstOrThrow();
    expect(community.archived).toBe(1);
    expect(await memberIds(group)).toEqual([]);
    expect((await fx.scim('GET', `/Groups/${group}`)).status).toBe(404);
    expect((await fx.scim('DELETE', `/Groups/${group}`)).status).toBe(404);
    expect(
      (
        await fx.scim('PATCH', `/Groups/${group}`, {
          Operations: [{ op: 'add', path: 'members', value: [{ value: a }] }],
        })
      ).status,
    ).toBe(404);
    expect(
      (await fx.scim('GET', `/Groups?filter=${encodeURIComponent('displayName eq "Short-lived"')}`)).body
        .totalResults,
    ).toBe(0);
    await createGroup('Short-lived');
  });

  it('refuses a POST with a duplicate name or a member who is no user, writing nothing', async () => {
    const before = await fx.server.db.selectFrom('communities').select('id').execute();
    const duplicate = await fx.scim('POST', '/Groups', { schemas: [GROUP], displayName: 'tour guides' });
    expect(duplicate.body).toMatchObject({ status: '409', scimType: 'uniqueness' });
    const ghost = await fx.scim('POST', '/Groups', {
      schemas: [GROUP],
      displayName: 'Ghosts',
      members: [{ value: a }, { value: 'ghost' }],
    });
    expect(ghost.body).toMatchObject({ status: '400', scimType: 'invalidValue' });
    expect(ghost.body.detail).toMatch(/ghost/);
    expect(await fx.server.db.selectFrom('communities').select('id').execute()).toEqual(before);
  });
});
