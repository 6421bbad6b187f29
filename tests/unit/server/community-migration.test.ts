import { describe, expect } from 'vitest';
import { serverMigrations } from '#server/db/migrations/index';
import { findCommunityRow, writeCommunity } from '#server/repos/communities.repo';
import { findMembership, writeMembership } from '#server/repos/memberships.repo';
import { upsertPeople } from '#server/repos/people.repo';
import { findCurrentSeq } from '#server/repos/change-seq.repo';
import { serverMigrationTest, versionBefore } from '../../support/migration-step.ts';
import { makePerson } from '../../support/people.ts';

const VERSION = '0090-create-communities';
const PREVIOUS = versionBefore(serverMigrations, VERSION);
/** Today's repos write today's columns: rows are written once the later migrations ran too. */
const LATEST = Object.keys(serverMigrations).at(-1)!;
const C = '6f1c1a52-58a4-4b6e-9d8e-0d1b6a3f2b10';

const community = {
  id: C,
  name: 'Kubernetes Lyon',
  kind: 'community_of_practice' as const,
  purpose: 'Run clusters well',
  objectives: ['Meetups'],
  visibility: 'open' as const,
  createdBy: 'p1',
  createdAt: 1000,
  archived: false,
  managedByDirectory: false,
  updatedAt: 1000,
};

const it = serverMigrationTest({
  from: PREVIOUS,
  seed: async (db) => {
    await upsertPeople(db, [makePerson({ id: 'p1', name: 'Ada Lovelace' })]);
  },
});

describe(`migration ${VERSION}`, () => {
  it(`adds the community tables to a ${PREVIOUS} database; their writes take seqs after the people's`, async ({
    db,
    migrateTo,
  }) => {
    await migrateTo(VERSION);
    expect(await findCurrentSeq(db)).toBe(1);
    await migrateTo(LATEST);
    expect(await writeCommunity(db, community)).toBe(2);
    const membership = { communityId: C, personId: 'p1', role: 'leader' as const, status: 'active' as const };
    expect(await writeMembership(db, { ...membership, since: 1000, joinedAt: 1000 })).toBe(3);
    expect(await findCommunityRow(db, C)).toMatchObject({
      seq: 2,
      unshared_seq: null,
      objectives: '["Meetups"]',
    });
    expect(await findMembership(db, { communityId: C, personId: 'p1' })).toMatchObject(membership);

    // Turning private records when, so those who saw it can be told to drop it.
    expect(await writeCommunity(db, { ...community, visibility: 'private' })).toBe(4);
    expect(await findCommunityRow(db, C)).toMatchObject({ seq: 4, unshared_seq: 4 });
  });

  it('refuses a visibility, role or status outside the domain, and a person who does not exist', async ({
    db,
    migrateTo,
  }) => {
    await migrateTo(LATEST);
    await expect(writeCommunity(db, { ...community, visibility: 'secret' as 'open' })).rejects.toThrow(
      /CHECK/,
    );
    await writeCommunity(db, community);
    const membership = { communityId: C, personId: 'p1', since: 1, joinedAt: 1 };
    await expect(
      writeMembership(db, { ...membership, role: 'owner' as 'leader', status: 'active' }),
    ).rejects.toThrow(/CHECK/);
    await expect(
      writeMembership(db, { ...membership, role: 'member', status: 'invited' as 'active' }),
    ).rejects.toThrow(/CHECK/);
    await expect(
      writeMembership(db, { ...membership, personId: 'nobody', role: 'member', status: 'active' }),
    ).rejects.toThrow(/FOREIGN KEY/);
  });

  it(`rolls back to ${PREVIOUS} by dropping the four tables, keeping the people`, async ({
    db,
    migrateTo,
  }) => {
    await migrateTo(LATEST);
    await writeCommunity(db, community);
    await migrateTo(PREVIOUS);
    const tables = (await db.introspection.getTables()).map((t) => t.name);
    for (const table of ['communities', 'memberships', 'posts', 'community_prefs']) {
      expect(tables).not.toContain(table);
    }
    expect(await db.selectFrom('people').select('id').execute()).toEqual([{ id: 'p1' }]);
  });
});
