import { existsSync } from 'node:fs';
import { sql } from 'kysely';
import { describe, expect } from 'vitest';
import { serverMigrations } from '#server/db/migrations/index';
import { upsertPeople } from '#server/repos/people.repo';
import { serverMigrationTest } from '../../support/migration-step.ts';
import { makePerson } from '../../support/people.ts';

const versions = Object.keys(serverMigrations);
const it = serverMigrationTest();

describe('server migrations', () => {
  it('creates every table on an empty database', async ({ db, migrateTo }) => {
    const result = await migrateTo();
    expect(result).toEqual({ applied: versions, backup: null });
    const tables = await sql<{ name: string }>`select name from sqlite_master where type = 'table'`.execute(
      db,
    );
    expect(tables.rows.map((r) => r.name)).toEqual(
      expect.arrayContaining([
        'people',
        'session_tokens',
        'used_id_tokens',
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

  it.for(versions.slice(1).map((v, i) => [versions[i]!, v]))(
    'migrates a database with people from %s to %s, keeping them and backing the file up',
    async ([from, to], { db, file, migrateTo }) => {
      await migrateTo(from);
      await upsertPeople(db, [makePerson({ id: 'p1', name: 'Ada Lovelace' })]);
      const result = await migrateTo(to);
      expect(result.applied).toEqual([to]);
      expect(existsSync(`${file}.${from}.bak`)).toBe(true);
      const people = await db.selectFrom('people').select(['id', 'name', 'seq']).execute();
      expect(people).toEqual([{ id: 'p1', name: 'Ada Lovelace', seq: 1 }]);
    },
  );
});
