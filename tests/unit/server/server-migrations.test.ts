import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { sql, type Kysely } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ServerDb } from '#server/db/schema';
import { serverMigrations } from '#server/db/migrations/index';
import { upsertPeople } from '#server/repos/people.repo';
import { migrate } from '#shared/node/migrate';
import { openDatabase } from '#shared/node/open-database';
import { makePerson } from '../../support/people.ts';
import { makeTempDir } from '../../support/temp-dir.ts';

const versions = Object.keys(serverMigrations);

describe('server migrations', () => {
  let dir: Awaited<ReturnType<typeof makeTempDir>>;
  let db: Kysely<ServerDb>;
  let file: string;
  beforeEach(async () => {
    dir = await makeTempDir();
    file = join(dir.path, 'kith-server.db');
    db = await openDatabase<ServerDb>({ file });
  });
  afterEach(async () => {
    await db.destroy();
    await dir.remove();
  });

  it('creates every table on an empty database', async () => {
    const result = await migrate(db as Kysely<unknown>, serverMigrations, { file });
    expect(result).toEqual({ applied: versions, backup: null });
    const tables = await sql<{ name: string }>`select name from sqlite_master where type = 'table'`.execute(
      db,
    );
    expect(tables.rows.map((r) => r.name)).toEqual(
      expect.arrayContaining([
        'people',
        'tokens',
        'change_seq',
        'server_meta',
        'connections',
        'client_mutations',
        'unapplied_mutations',
        'notes',
        'notes_keys',
      ]),
    );
  });

  it.each(versions.slice(1).map((v, i) => [versions[i]!, v]))(
    'migrates a database with people from %s to %s, keeping them and backing the file up',
    async (from, to) => {
      await migrate(db as Kysely<unknown>, serverMigrations, { file, target: from });
      await upsertPeople(db, [makePerson({ id: 'p1', name: 'Ada Lovelace' })]);
      const result = await migrate(db as Kysely<unknown>, serverMigrations, { file, target: to });
      expect(result.applied).toEqual([to]);
      expect(existsSync(`${file}.${from}.bak`)).toBe(true);
      const people = await db.selectFrom('people').select(['id', 'name', 'seq']).execute();
      expect(people).toEqual([{ id: 'p1', name: 'Ada Lovelace', seq: 1 }]);
    },
  );
});
