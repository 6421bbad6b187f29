import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { sql, type Kysely } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LOCAL_DB_FILE, openLocalDb, type LocalDb } from '#core/store/local-db';
import { localMigrations } from '#core/store/migrations/index';
import { migrate } from '#shared/node/migrate';
import { openDatabase } from '#shared/node/open-database';
import { makeTempDir } from '../../support/temp-dir.ts';

const versions = Object.keys(localMigrations);

async function tableNames(db: Kysely<unknown>) {
  const rows = await sql<{
    name: string;
  }>`select name from sqlite_master where type in ('table', 'trigger') order by name`.execute(db);
  return rows.rows.map((r) => r.name);
}

describe('local migrations', () => {
  let dir: Awaited<ReturnType<typeof makeTempDir>>;
  beforeEach(async () => (dir = await makeTempDir()));
  afterEach(() => dir.remove());

  it('creates the whole schema on an empty file', async () => {
    const db = await openLocalDb(dir.path);
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

  it.each(versions.slice(1).map((v, i) => [versions[i]!, v]))(
    'migrates a populated database from %s to %s, keeping its rows and backing it up',
    async (from, to) => {
      const file = join(dir.path, LOCAL_DB_FILE);
      const db = await openDatabase<LocalDb>({ file });
      await migrate(db as Kysely<unknown>, localMigrations, { file, target: from });
      await db
        .insertInto('people')
        .values({
          pk: null,
          id: 'p1',
          email: 'ada@example.com',
          name: 'Ada Lovelace',
          title: 'Engineer',
          department: 'Engineering',
          location: 'Lyon',
          manager_id: null,
          skills: '["Rust"]',
          bio: '',
          timezone: 'Europe/Paris',
          active: 1,
          seq: 7,
        })
        .execute();
      const result = await migrate(db as Kysely<unknown>, localMigrations, { file, target: to });
      expect(result.applied).toContain(to);
      expect(result.backup).toBe(`${file}.${from}.bak`);
      expect(existsSync(result.backup!)).toBe(true);
      const kept = await db.selectFrom('people').select(['id', 'name']).execute();
      expect(kept).toEqual([{ id: 'p1', name: 'Ada Lovelace' }]);
      const hit = await sql<{
        n: number;
      }>`select count(*) as n from people_fts where people_fts match 'lovel*'`.execute(db);
      expect(hit.rows[0]?.n).toBe(1);
      await db.destroy();
    },
  );

  it('does not back up an empty database', async () => {
    const file = join(dir.path, LOCAL_DB_FILE);
    const db = await openDatabase<LocalDb>({ file });
    const result = await migrate(db as Kysely<unknown>, localMigrations, { file });
    expect(result.backup).toBeNull();
    expect(result.applied).toEqual(versions);
    await db.destroy();
  });

  it('leaves the schema as it was when a migration fails', async () => {
    const file = join(dir.path, LOCAL_DB_FILE);
    const db = await openDatabase<LocalDb>({ file });
    const broken = {
      ...localMigrations,
      '9990-broken': { up: async (d: Kysely<unknown>) => void (await sql`create table oops (x`.execute(d)) },
    };
    await expect(migrate(db as Kysely<unknown>, broken, { file })).rejects.toThrow(/9990-broken failed/);
    expect(await tableNames(db as Kysely<unknown>)).not.toContain('people');
    await db.destroy();
  });
});
