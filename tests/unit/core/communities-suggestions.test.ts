import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listCommunitySuggestions } from '#core/communities/suggestions.repo';
import { openLocalDb, type LocalDb } from '#core/store/local-db';
import { upsertPeople } from '#core/store/people.repo';
import type { CommunitySuggestion } from '#shared/domain/community';
import { communityRow, membershipRow } from '../../support/communities.ts';
import { insertConnections } from '../../support/graph-fixture.ts';
import { makePerson } from '../../support/people.ts';
import { makeTempDir } from '../../support/temp-dir.ts';

const ME = 'me';

const people = [
  makePerson({ id: ME, name: 'Me', department: 'Engineering', skills: ['Kubernetes', 'Go'] }),
  makePerson({ id: 'ann', name: 'Ann', department: 'Engineering' }),
  makePerson({ id: 'bob', name: 'Bob', department: 'Engineering' }),
  makePerson({ id: 'cat', name: 'Cat', department: 'Design', skills: ['Go'] }),
  makePerson({ id: 'dan', name: 'Dan', department: 'Design', skills: ['go'] }),
  makePerson({ id: 'eve', name: 'Eve', department: 'Sales' }),
  makePerson({ id: 'fay', name: 'Fay', department: 'Engineering' }),
  makePerson({ id: 'gus', name: 'Gus', department: 'Finance' }),
  makePerson({ id: 'zed', name: 'Zed', department: 'Sales' }),
];
// The viewer's own connections and how strong each is.
const connections = { cat: 5, gus: 4, ann: 3, eve: 2 };

const community = (
  id: string,
  name: string,
  {
    purpose = 'Meet and share',
    objectives = [] as string[],
    visibility = 'open',
    archived = 0 as 0 | 1,
  } = {},
) => communityRow({ id, name, purpose, objectives: JSON.stringify(objectives), visibility, archived });

const members = (communityId: string, ids: string[], status = 'active') =>
  ids.map((personId) => membershipRow(communityId, personId, 'member', status));

const summaryOf = (s: CommunitySuggestion) => ({
  name: s.summary.community.name,
  score: s.score,
  reasons: s.reasons.map((r) =>
    r.type === 'skills'
      ? { type: r.type, skills: r.skills }
      : r.type === 'department_peers'
        ? { type: r.type, department: r.department, count: r.count }
        : { type: r.type, count: r.count, people: r.people.map((p) => p.id) },
  ),
});

describe('listCommunitySuggestions', () => {
  let db: Kysely<LocalDb>;
  let dir: Awaited<ReturnType<typeof makeTempDir>>;
  beforeAll(async () => {
    dir = await makeTempDir();
    db = await openLocalDb(dir.path);
    await upsertPeople(
      db,
      people.map((person) => ({ person, seq: 1 })),
      { fresh: true },
    );
    await insertConnections(db, connections);
    await db
      .insertInto('communities')
      .values([
        community('big', 'Big', { purpose: 'Everything' }),
        community('kube', 'Kubernetes Guild', { purpose: 'Run containers' }),
        // "Go" is not a word of "Good": only the members' skills bring it here.
        community('gophers', 'Gophers', { purpose: 'We write services', objectives: ['Good tooling'] }),
        community('sales', 'Sales club'),
        community('beta', 'Beta'),
        community('alpha', 'Alpha'),
        community('mine', 'Kubernetes at home'),
        community('asked', 'Kubernetes requests', { visibility: 'request' }),
        community('secret', 'Kubernetes secret', { visibility: 'private' }),
        community('old', 'Kubernetes old', { archived: 1 }),
        community('none', 'Nothing for me'),
      ])
      .execute();
    await db
      .insertInto('memberships')
      .values([
        ...members('big', ['ann', 'cat', 'eve', 'gus']),
        ...members('kube', ['ann', 'bob']),
        ...members('kube', ['fay'], 'requested'), // not a member yet: no peer
        ...members('gophers', ['cat', 'dan']),
        ...members('sales', ['eve']),
        ...members('beta', ['fay']),
        ...members('alpha', ['fay']),
        ...members('mine', [ME, 'ann']),
        ...members('asked', ['ann']),
        ...members('asked', [ME], 'requested'),
        ...members('secret', ['ann']),
        ...members('old', ['ann']),
        ...members('none', ['zed']),
      ])
      .execute();
  });
  afterAll(async () => {
    await db.destroy();
    await dir.remove();
  });

  it('ranks communities by score with their reasons, strongest first', async () => {
    const suggestions = (await listCommunitySuggestions(db, ME)).map(summaryOf);
    expect(suggestions).toEqual([
      {
        name: 'Big',
        // connections (1 + 5/2) + (1 + 4/2) + (1 + 3/2) + (1 + 2/2) = 3.5 + 3 + 2.5 + 2 = 11;
        // one Engineering peer (ann): 2 × log2(2) = 2. Cat's Go is 1 of 4 members: not common enough.
        score: 13,
        reasons: [
          { type: 'connections', count: 4, people: ['cat', 'gus', 'ann'] },
          { type: 'department_peers', department: 'Engineering', count: 1 },
        ],
      },
      {
        name: 'Kubernetes Guild',
        // peers ann and bob: 2 × log2(3) = 3.1699…; "Kubernetes" in the name: 3; ann: 1 + 3/2 = 2.5.
        score: 8.67,
        reasons: [
          { type: 'department_peers', department: 'Engineering', count: 2 },
          { type: 'skills', skills: ['Kubernetes'] },
          { type: 'connections', count: 1, people: ['ann'] },
        ],
      },
      {
        name: 'Gophers',
        // cat: 1 + 5/2 = 3.5; Go held by cat and dan ("go"), 2 of 2 members: 3.
        score: 6.5,
        reasons: [
          { type: 'connections', count: 1, people: ['cat'] },
          { type: 'skills', skills: ['Go'] },
        ],
      },
      // Three at 2 points, by name: one Engineering peer (fay) each for Alpha and Beta; eve 1 + 2/2 for Sales.
      {
        name: 'Alpha',
        score: 2,
        reasons: [{ type: 'department_peers', department: 'Engineering', count: 1 }],
      },
      {
        name: 'Beta',
        score: 2,
        reasons: [{ type: 'department_peers', department: 'Engineering', count: 1 }],
      },
      { name: 'Sales club', score: 2, reasons: [{ type: 'connections', count: 1, people: ['eve'] }] },
    ]);
  });

  it('carries each community’s card', async () => {
    const [big] = await listCommunitySuggestions(db, ME);
    expect(big?.summary).toMatchObject({ community: { id: 'big' }, memberCount: 4, me: { role: null } });
    const connected = big?.reasons[0];
    expect(connected?.type === 'connections' && connected.people[0]).toEqual({
      id: 'cat',
      name: 'Cat',
      title: 'Software Engineer',
      department: 'Design',
      location: 'Lyon',
      active: true,
    });
  });

  it('draws skills and peers from the viewer, connections from the signed-in user’s own', async () => {
    await upsertPeople(db, [
      { person: makePerson({ id: 'loner', name: 'Loner', department: 'Nowhere' }), seq: 1 },
    ]);
    const forLoner = await listCommunitySuggestions(db, 'loner');
    // No skills, no department peers: only the connections table (the user's own) still gives reasons.
    expect(forLoner.map((s) => [s.summary.community.name, s.score])).toEqual([
      ['Big', 11],
      ['Gophers', 3.5],
      // ann (1 + 3/2) in each; the loner has not joined or asked to join the last two. Ties by name.
      ['Kubernetes Guild', 2.5],
      ['Kubernetes at home', 2.5],
      ['Kubernetes requests', 2.5],
      ['Sales club', 2],
    ]);
  });
});
