import { describe, expect } from 'vitest';
import { serverMigrations } from '#server/db/migrations/index';
import {
  findClient,
  findUnappliedResults,
  recordUnappliedResults,
  upsertClient,
} from '#server/repos/client-mutations.repo';
import { upsertPeople } from '#server/repos/people.repo';
import { serverMigrationTest, versionBefore } from '../../../support/migration-step.ts';
import { makePerson } from '../../../support/people.ts';

const VERSION = '0080-create-unapplied-mutations';
const PREVIOUS = versionBefore(serverMigrations, VERSION);

const it = serverMigrationTest({
  from: PREVIOUS,
  seed: async (db) => {
    await upsertPeople(db, [makePerson({ id: 'p1', name: 'Ada Lovelace' })]);
    // A client the previous schema knew: its processed mutations stay processed.
    await upsertClient(db, 'laptop-0001', { ownerId: 'p1', lastMutationId: 7 });
  },
});

describe(`migration ${VERSION}`, () => {
  it(`keeps ${PREVIOUS} clients, with no stored results, and stores them afterwards`, async ({
    db,
    migrateTo,
  }) => {
    expect((await migrateTo(VERSION)).applied).toEqual([VERSION]);
    expect(await findClient(db, 'laptop-0001')).toEqual({ ownerId: 'p1', lastMutationId: 7 });
    expect(await findUnappliedResults(db, 'laptop-0001', [1, 7])).toEqual(new Map());

    await recordUnappliedResults(
      db,
      'laptop-0001',
      [
        { mutationId: 8, status: 'conflict', reason: 'Edited elsewhere' },
        { mutationId: 9, status: 'rejected' },
      ],
      8,
    );
    expect(await findUnappliedResults(db, 'laptop-0001', [7, 8, 9])).toEqual(
      new Map([
        [8, { mutationId: 8, status: 'conflict', reason: 'Edited elsewhere' }],
        [9, { mutationId: 9, status: 'rejected' }],
      ]),
    );
  });

  it('refuses a status other than conflict or rejected, and a client the server does not know', async ({
    db,
    migrateTo,
  }) => {
    await migrateTo(VERSION);
    const row = { client_id: 'laptop-0001', mutation_id: 1, status: 'applied' as 'conflict', reason: null };
    await expect(db.insertInto('unapplied_mutations').values(row).execute()).rejects.toThrow(/CHECK/);
    await expect(
      db
        .insertInto('unapplied_mutations')
        .values({ ...row, client_id: 'stranger-0001', status: 'conflict' })
        .execute(),
    ).rejects.toThrow(/FOREIGN KEY/);
  });

  it(`rolls back to ${PREVIOUS} by dropping the table, keeping the clients`, async ({ db, migrateTo }) => {
    await migrateTo(VERSION);
    await recordUnappliedResults(db, 'laptop-0001', [{ mutationId: 8, status: 'rejected', reason: 'No' }], 8);
    await migrateTo(PREVIOUS);
    expect((await db.introspection.getTables()).map((t) => t.name)).not.toContain('unapplied_mutations');
    expect(await findClient(db, 'laptop-0001')).toEqual({ ownerId: 'p1', lastMutationId: 7 });
  });
});
