import { join } from 'node:path';
import { sql, type Kysely } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LOCAL_DB_FILE, type LocalDb } from '#core/store/local-db';
import { localMigrations } from '#core/store/migrations/index';
import { migrate } from '#shared/node/migrate';
import { openDatabase } from '#shared/node/open-database';
import { makeTempDir } from '../../../../support/temp-dir.ts';

const VERSION = '0080-skip-unchanged-people-fts';
const versions = Object.keys(localMigrations);
const PREVIOUS = versions[versions.indexOf(VERSION) - 1]!;

async function matches(db: Kysely<LocalDb>, table: 'people_fts' | 'people_name_fts', query: string) {
  const rows = await sql<{ n: number }>`select count(*) as n from ${sql.table(table)} where ${sql.table(
    table,
  )} match ${query}`.execute(db);
  return rows.rows[0]!.n;
}

/** FTS5 compares each external-content index with the people table; a mismatch throws. */
async function checkIndexes(db: Kysely<LocalDb>) {
  await sql`insert into people_fts (people_fts, rank) values ('integrity-check', 1)`.execute(db);
  await sql`insert into people_name_fts (people_name_fts, rank) values ('integrity-check', 1)`.execute(db);
}

async function updateTriggers(db: Kysely<LocalDb>) {
  const rows = await sql<{ sql: string }>`select sql from sqlite_master
    where type = 'trigger' and name in ('people_fts_update', 'people_name_fts_update')`.execute(db);
  return rows.rows.map((r) => r.sql);
}

describe(`local migration ${VERSION}`, () => {
  let dir: Awaited<ReturnType<typeof makeTempDir>>;
  let db: Kysely<LocalDb>;
  let file: string;
  beforeEach(async () => {
    dir = await makeTempDir();
    file = join(dir.path, LOCAL_DB_FILE);
    db = await openDatabase<LocalDb>({ file });
    await migrate(db as Kysely<unknown>, localMigrations, { file, target: PREVIOUS });
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
  });
  afterEach(async () => {
    await db.destroy();
    await dir.remove();
  });

  it('reindexes a person only when an indexed value changes, keeping both indexes whole', async () => {
    await migrate(db as Kysely<unknown>, localMigrations, { file, target: VERSION });
    expect((await updateTriggers(db)).every((text) => /\bwhen\b/i.test(text))).toBe(true);

    await db.updateTable('people').set({ seq: -1, bio: 'Poet' }).execute();
    await checkIndexes(db);
    expect(await matches(db, 'people_fts', 'lovel*')).toBe(1);

    await db.updateTable('people').set({ title: 'Analyst', name: 'Ada King' }).execute();
    await checkIndexes(db);
    expect(await matches(db, 'people_fts', 'analyst')).toBe(1);
    expect(await matches(db, 'people_fts', 'engineer')).toBe(0);
    expect(await matches(db, 'people_name_fts', 'king')).toBe(1);
    expect(await matches(db, 'people_name_fts', 'lovelace')).toBe(0);
  });

  it('goes back to reindexing on every update', async () => {
    await migrate(db as Kysely<unknown>, localMigrations, { file, target: VERSION });
    await migrate(db as Kysely<unknown>, localMigrations, { file, target: PREVIOUS });
    expect((await updateTriggers(db)).some((text) => /\bwhen\b/i.test(text))).toBe(false);
    await db.updateTable('people').set({ title: 'Analyst' }).execute();
    await checkIndexes(db);
    expect(await matches(db, 'people_fts', 'analyst')).toBe(1);
  });
});
