import type { Kysely } from 'kysely';
import { openLocalDb, type LocalDb } from '#core/store/local-db';
import { upsertPeople } from '#core/store/people.repo';
import type { Person } from '#shared/domain/person';
import { makePerson } from './people.ts';
import { makeTempDir } from './temp-dir.ts';

/** The signed-in person of the fixture. */
export const ME = 'me';

/**
 * A small org for graph tests. Me (Engineering) reports to boss and manages rep; I know ann (5), bob (2) and
 * gus (3). Shared connections: ann→cat (5), cat→dan (5), bob→dan (4), dan→eve (5), ann→h1→h2→h3→far
 * (a chain too long to introduce), zoe→me (zoe shared that she knows me). Tiny club: me, gus, kim.
 */
export const graphPeople: Person[] = [
  makePerson({
    id: ME,
    name: 'Me',
    department: 'Engineering',
    managerId: 'boss',
    skills: ['Kubernetes', 'Go'],
  }),
  makePerson({ id: 'boss', name: 'Boss', department: 'Engineering' }),
  makePerson({ id: 'rep', name: 'Rep', department: 'Engineering', managerId: ME }),
  makePerson({ id: 'ann', name: 'Ann', department: 'Engineering', location: 'Lyon' }),
  makePerson({ id: 'bob', name: 'Bob', department: 'Design', location: 'Paris' }),
  makePerson({ id: 'gus', name: 'Gus', department: 'Engineering', location: 'Lyon' }),
  makePerson({ id: 'cat', name: 'Cat', department: 'Finance', location: 'Paris', skills: ['Go'] }),
  makePerson({ id: 'dan', name: 'Dan', department: 'Sales', location: 'Berlin' }),
  makePerson({
    id: 'eve',
    name: 'Eve',
    department: 'Legal',
    location: 'Berlin',
    skills: ['Kubernetes', 'Go'],
  }),
  makePerson({ id: 'kim', name: 'Kim', department: 'Marketing', location: 'Madrid' }),
  makePerson({ id: 'zoe', name: 'Zoe', department: 'Finance', location: 'Paris' }),
  makePerson({ id: 'h1', name: 'Hop One', department: 'Engineering' }),
  makePerson({ id: 'h2', name: 'Hop Two', department: 'Engineering' }),
  makePerson({ id: 'h3', name: 'Hop Three', department: 'Engineering' }),
  makePerson({ id: 'far', name: 'Far Away', department: 'Research', location: 'Tokyo' }),
  makePerson({ id: 'gone', name: 'Gone', department: 'Research', active: false }),
];

export const myConnections: Record<string, number> = { ann: 5, bob: 2, gus: 3 };

export const sharedConnections: [owner: string, person: string, strength: number][] = [
  ['ann', 'cat', 5],
  ['cat', 'dan', 5],
  ['bob', 'dan', 4],
  ['dan', 'eve', 5],
  ['ann', 'h1', 5],
  ['h1', 'h2', 5],
  ['h2', 'h3', 5],
  ['h3', 'far', 5],
  ['zoe', ME, 3],
];

export const TINY_CLUB = '00000000-0000-4000-8000-000000000001';

export async function insertConnections(db: Kysely<LocalDb>, strengths: Record<string, number>) {
  const rows = Object.entries(strengths).map(([personId, strength]) => ({
    person_id: personId,
    kinds: '["worked_with"]',
    strength,
    how_met: '',
    since: null,
    last_interaction_at: null,
    visibility: 'private' as const,
    keep_in_touch_days: null,
    updated_at: 0,
  }));
  if (rows.length) await db.insertInto('connections').values(rows).execute();
}

export async function insertSharedConnections(
  db: Kysely<LocalDb>,
  ties: readonly [owner: string, person: string, strength: number][],
) {
  if (ties.length === 0) return;
  await db
    .insertInto('shared_connections')
    .values(
      ties.map(([owner, person, strength]) => ({
        owner_id: owner,
        person_id: person,
        kinds: '["worked_with"]',
        strength,
        seq: 1,
      })),
    )
    .execute();
}

export async function insertCommunity(db: Kysely<LocalDb>, id: string, name: string, memberIds: string[]) {
  await db
    .insertInto('communities')
    .values({
      id,
      name,
      kind: 'interest_group',
      purpose: '',
      objectives: '[]',
      visibility: 'open',
      created_by: memberIds[0] ?? ME,
      created_at: 0,
      archived: 0,
      managed_by_directory: 0,
      updated_at: 0,
      seq: 1,
    })
    .execute();
  await db
    .insertInto('memberships')
    .values(
      memberIds.map((personId) => ({
        community_id: id,
        person_id: personId,
        role: 'member',
        status: 'active',
        since: 0,
        joined_at: 0,
        seq: 1,
      })),
    )
    .execute();
}

/** A fresh local cache holding the fixture org. */
export async function openGraphFixture() {
  const dir = await makeTempDir();
  const db = await openLocalDb(dir.path);
  await upsertPeople(
    db,
    graphPeople.map((person) => ({ person, seq: 1 })),
    { fresh: true },
  );
  await insertConnections(db, myConnections);
  await insertSharedConnections(db, sharedConnections);
  await insertCommunity(db, TINY_CLUB, 'Tiny club', [ME, 'gus', 'kim']);
  return {
    db,
    dir,
    async close() {
      await db.destroy();
      await dir.remove();
    },
  };
}
