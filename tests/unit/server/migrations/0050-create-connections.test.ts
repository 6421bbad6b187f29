import { describe, expect } from 'vitest';
import { findCurrentSeq } from '#server/repos/change-seq.repo';
import { findConnection, patchConnection } from '#server/repos/connections.repo';
import { findDatasetId } from '#server/repos/server-meta.repo';
import { upsertPeople } from '#server/repos/people.repo';
import { serverMigrationTest } from '../../../support/migration-step.ts';
import { makePerson } from '../../../support/people.ts';

const it = serverMigrationTest();

describe('migration 0050-create-connections', () => {
  it('adds connections and client_mutations to a 0040 database, keeping its people and history', async ({
    db,
    migrateTo,
  }) => {
    await migrateTo('0040-add-dataset-id');
    await upsertPeople(db, [
      makePerson({ id: 'p1', name: 'Ada Lovelace' }),
      makePerson({ id: 'p2', name: 'Alan Turing' }),
    ]);
    const dataset = await findDatasetId(db);

    // To the latest version: the repos below read and write the current schema.
    expect((await migrateTo()).applied).toContain('0050-create-connections');
    expect(await db.selectFrom('people').select('id').orderBy('id').execute()).toEqual([
      { id: 'p1' },
      { id: 'p2' },
    ]);
    expect(await findDatasetId(db)).toBe(dataset);
    expect(await db.selectFrom('connections').selectAll().execute()).toEqual([]);
    expect(await db.selectFrom('client_mutations').selectAll().execute()).toEqual([]);

    // A connection takes the next seq of the one sequence people use.
    await patchConnection(db, { ownerId: 'p1', personId: 'p2' }, { strength: 5 }, 1000);
    expect(await findCurrentSeq(db)).toBe(3);
    expect(await findConnection(db, { ownerId: 'p1', personId: 'p2' })).toMatchObject({
      strength: 5,
      updatedAt: 1000,
    });
  });

  it('refuses a connection to someone who is not a person, and two rows for one owner and person', async ({
    db,
    migrateTo,
  }) => {
    await migrateTo();
    await upsertPeople(db, [makePerson({ id: 'p1', name: 'Ada Lovelace' })]);
    const row = {
      owner_id: 'p1',
      person_id: 'p404',
      kinds: '["other"]',
      strength: 3,
      how_met: '',
      since: null,
      last_interaction_at: null,
      visibility: 'private' as const,
      updated_at: 0,
      deleted: 0,
      seq: 10,
      unshared_seq: null,
    };
    await expect(db.insertInto('connections').values(row).execute()).rejects.toThrow(/FOREIGN KEY/);
    await db
      .insertInto('connections')
      .values({ ...row, person_id: 'p1' })
      .execute();
    await expect(
      db
        .insertInto('connections')
        .values({ ...row, person_id: 'p1', seq: 11 })
        .execute(),
    ).rejects.toThrow(/UNIQUE|PRIMARY/);
  });

  it('rolls back to 0040 by dropping both tables', async ({ db, migrateTo }) => {
    await migrateTo();
    await migrateTo('0040-add-dataset-id');
    const tables = await db.introspection.getTables();
    expect(tables.map((t) => t.name)).not.toContain('connections');
    expect(tables.map((t) => t.name)).not.toContain('client_mutations');
  });
});
