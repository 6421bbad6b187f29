import { sql, type Kysely } from 'kysely';
import { describe, expect } from 'vitest';
import type { LocalDb } from '#core/store/local-db';
import { localMigrations } from '#core/store/migrations/index';
import { localMigrationTest, versionBefore } from '../../../../support/migration-step.ts';
import { LOCAL_ADA_ROW } from '../../../../support/people.ts';

const VERSION = '0080-skip-unchanged-people-fts';
const PREVIOUS = versionBefore(localMigrations, VERSION);

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

const it = localMigrationTest({
  from: PREVIOUS,
  seed: async (db) => {
    await db.insertInto('people').values(LOCAL_ADA_ROW).execute();
  },
});

describe(`local migration ${VERSION}`, () => {
  it('reindexes a person only when an indexed value changes, keeping both indexes whole', async ({
    db,
    migrateTo,
  }) => {
    await migrateTo(VERSION);
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

  it('goes back to reindexing on every update', async ({ db, migrateTo }) => {
    await migrateTo(VERSION);
    await migrateTo(PREVIOUS);
    expect((await updateTriggers(db)).some((text) => /\bwhen\b/i.test(text))).toBe(false);
    await db.updateTable('people').set({ title: 'Analyst' }).execute();
    await checkIndexes(db);
    expect(await matches(db, 'people_fts', 'analyst')).toBe(1);
  });
});
