import { sql } from 'kysely';
import { describe, expect } from 'vitest';
import { serverMigrations } from '#server/db/migrations/index';
import { upsertPeople } from '#server/repos/people.repo';
import { checkAccessToken, issueSession } from '#server/repos/sessions.repo';
import { hashToken } from '#server/repos/tokens.repo';
import { serverMigrationTest, versionBefore } from '../../../support/migration-step.ts';
import { makePerson } from '../../../support/people.ts';

const VERSION = '0110-create-sessions';
const PREVIOUS = versionBefore(serverMigrations, VERSION);
const OLD_TOKEN = 'an-old-demo-token-that-never-expired';

const it = serverMigrationTest({
  from: PREVIOUS,
  seed: async (db) => {
    await upsertPeople(db, [makePerson({ id: 'p1', name: 'Ada Lovelace' })]);
    // The schema before 0110 has a tokens table the typed Db no longer knows.
    await sql`insert into tokens (token_hash, person_id, created_at) values (${hashToken(OLD_TOKEN)}, 'p1', '2026-01-01T00:00:00.000Z')`.execute(
      db,
    );
  },
});

describe(`migration ${VERSION}`, () => {
  it('drops the old tokens (they stop working) and issues sessions afterwards', async ({ db, migrateTo }) => {
    expect((await migrateTo(VERSION)).applied).toEqual([VERSION]);
    const tables = await sql<{ name: string }>`select name from sqlite_master where type = 'table'`.execute(
      db,
    );
    expect(tables.rows.map((t) => t.name)).not.toContain('tokens');
    expect(await checkAccessToken(db, OLD_TOKEN)).toEqual({ ok: false, reason: 'unknown' });
    const session = await issueSession(db, 'p1');
    expect(await checkAccessToken(db, session.accessToken)).toEqual({ ok: true, personId: 'p1' });
  });

  it('goes down to an empty tokens table and up again', async ({ db, migrateTo }) => {
    await migrateTo(VERSION);
    await issueSession(db, 'p1');
    await migrateTo(PREVIOUS);
    expect((await sql`select * from tokens`.execute(db)).rows).toEqual([]);
    expect((await migrateTo(VERSION)).applied).toEqual([VERSION]);
  });
});
