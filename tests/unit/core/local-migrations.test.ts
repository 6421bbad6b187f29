import { existsSync } from 'node:fs';
import { sql, type Kysely } from 'kysely';
import { describe, expect } from 'vitest';
import { openLocalDb } from '#core/store/local-db';
import { localMigrations } from '#core/store/migrations/index';
import { migrate } from '#shared/node/migrate';
import { localMigrationTest } from '../../support/migration-step.ts';
import { LOCAL_ADA_ROW } from '../../support/people.ts';

const versions = Object.keys(localMigrations);
const it = localMigrationTest();

async function tableNames(db: Kysely<unknown>) {
  const rows = await sql<{
    name: string;
  }>`select name from sqlite_master where type in ('table', 'trigger') order by name`.execute(db);
  return rows.rows.map((r) => r.name);
}

describe('local migrations', () => {
  it('creates the whole schema on an empty file', async ({ dir }) => {
    const db = await openLocalDb(dir);
    const names = await tableNames(db as Kysely<unknown>);
    expect(names).toEqual(
      expect.arrayContaining([
        'people',
        'person_skills',
        'people_fts',
        'local_state',
        'people_fts_insert',
        'notes',
        'notes_synced',
        'outbox',
      ]),
    );
    const journal = await sql<{ journal_mode: string }>`pragma journal_mode`.execute(db);
    expect(journal.rows[0]?.journal_mode).toBe('wal');
    await db.destroy();
  });

  it.for(versions.slice(1).map((v, i) => [versions[i]!, v]))(
    'migrates a populated database from %s to %s, keeping its rows and backing it up',
    async ([from, to], { db, file, migrateTo }) => {
      await migrateTo(from);
      await db.insertInto('people').values(LOCAL_ADA_ROW).execute();
      const result = await migrateTo(to);
      expect(result.applied).toContain(to);
      expect(result.backup).toBe(`${file}.${from}.bak`);
      expect(existsSync(result.backup!)).toBe(true);
      const kept = await db.selectFrom('people').select(['id', 'name']).execute();
      expect(kept).toEqual([{ id: 'p1', name: 'Ada Lovelace' }]);
      const hit = await sql<{
        n: number;
      }>`select count(*) as n from people_fts where people_fts match 'lovel*'`.execute(db);
      expect(hit.rows[0]?.n).toBe(1);
    },
  );

  it('does not back up an empty database', async ({ migrateTo }) => {
    const result = await migrateTo();
    expect(result.backup).toBeNull();
    expect(result.applied).toEqual(versions);
  });

  it('leaves the schema as it was when a migration fails', async ({ db, file }) => {
    const broken = {
      ...localMigrations,
      '9990-broken': { up: async (d: Kysely<unknown>) => void (await sql`create table oops (x`.execute(d)) },
    };
    await expect(migrate(db as Kysely<unknown>, broken, { file })).rejects.toThrow(/9990-broken failed/);
    expect(await tableNames(db as Kysely<unknown>)).not.toContain('people');
  });
});
