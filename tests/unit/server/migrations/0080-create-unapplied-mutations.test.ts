import { join } from 'node:path';
import type { Kysely } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ServerDb } from '#server/db/schema';
import { serverMigrations } from '#server/db/migrations/index';
import {
  findClient,
  findUnappliedResults,
  recordUnappliedResults,
  upsertClient,
} from '#server/repos/client-mutations.repo';
import { upsertPeople } from '#server/repos/people.repo';
import { migrate } from '#shared/node/migrate';
import { openDatabase } from '#shared/node/open-database';
import { makePerson } from '../../../support/people.ts';
import { makeTempDir } from '../../../support/temp-dir.ts';

const VERSION = '0080-create-unapplied-mutations';
const versions = Object.keys(serverMigrations);
const PREVIOUS = versions[versions.indexOf(VERSION) - 1]!;

describe(`migration ${VERSION}`, () => {
  let dir: Awaited<ReturnType<typeof makeTempDir>>;
  let db: Kysely<ServerDb>;
  let file: string;
  beforeEach(async () => {
    dir = await makeTempDir();
    file = join(dir.path, 'kith-server.db');
    db = await openDatabase<ServerDb>({ file });
    await migrate(db as Kysely<unknown>, serverMigrations, { file, target: PREVIOUS });
    await upsertPeople(db, [makePerson({ id: 'p1', name: 'Ada Lovelace' })]);
    // A client the previous schema knew: its processed mutations stay processed.
    await upsertClient(db, 'laptop-0001', { ownerId: 'p1', lastMutationId: 7 });
  });
  afterEach(async () => {
    await db.destroy();
    await dir.remove();
  });

  it(`keeps ${PREVIOUS} clients, with no stored results, and stores them afterwards`, async () => {
    expect(
      (await migrate(db as Kysely<unknown>, serverMigrations, { file, target: VERSION })).applied,
    ).toEqual([VERSION]);
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

  it('refuses a status other than conflict or rejected, and a client the server does not know', async () => {
    await migrate(db as Kysely<unknown>, serverMigrations, { file, target: VERSION });
    const row = { client_id: 'laptop-0001', mutation_id: 1, status: 'applied' as 'conflict', reason: null };
    await expect(db.insertInto('unapplied_mutations').values(row).execute()).rejects.toThrow(/CHECK/);
    await expect(
      db
        .insertInto('unapplied_mutations')
        .values({ ...row, client_id: 'stranger-0001', status: 'conflict' })
        .execute(),
    ).rejects.toThrow(/FOREIGN KEY/);
  });

  it(`rolls back to ${PREVIOUS} by dropping the table, keeping the clients`, async () => {
    await migrate(db as Kysely<unknown>, serverMigrations, { file, target: VERSION });
    await recordUnappliedResults(db, 'laptop-0001', [{ mutationId: 8, status: 'rejected', reason: 'No' }], 8);
    await migrate(db as Kysely<unknown>, serverMigrations, { file, target: PREVIOUS });
    expect((await db.introspection.getTables()).map((t) => t.name)).not.toContain('unapplied_mutations');
    expect(await findClient(db, 'laptop-0001')).toEqual({ ownerId: 'p1', lastMutationId: 7 });
  });
});
