import { sql } from 'kysely';
import { describe, expect } from 'vitest';
import type { NotesTable } from '#server/db/schema';
import { findCurrentSeq } from '#server/repos/change-seq.repo';
import { findNote, writeNotes } from '#server/repos/notes.repo';
import { findDatasetId } from '#server/repos/server-meta.repo';
import { upsertPeople } from '#server/repos/people.repo';
import { serverMigrationTest } from '../../../support/migration-step.ts';
import { makePerson } from '../../../support/people.ts';

const NOTE_ID = '0b5c1f7e-2d4a-4c6b-9e8f-1a2b3c4d5e6f';
const TO = '0060-create-notes';

const it = serverMigrationTest();

describe('migration 0060-create-notes', () => {
  it('adds notes and notes_keys to a 0050 database, keeping its people, connections and history', async ({
    db,
    migrateTo,
  }) => {
    await migrateTo('0050-create-connections');
    await upsertPeople(db, [
      makePerson({ id: 'p1', name: 'Ada Lovelace' }),
      makePerson({ id: 'p2', name: 'Alan Turing' }),
    ]);
    // Raw SQL: the repository writes the latest schema's columns.
    await sql`insert into connections (owner_id, person_id, kinds, strength, how_met, visibility, updated_at, seq)
      values ('p1', 'p2', '["other"]', 5, '', 'private', 1000, 3)`.execute(db);
    await sql`update change_seq set value = 3`.execute(db);
    const dataset = await findDatasetId(db);

    expect((await migrateTo(TO)).applied).toEqual([TO]);
    expect(await db.selectFrom('connections').select(['owner_id', 'strength']).execute()).toEqual([
      { owner_id: 'p1', strength: 5 },
    ]);
    expect(await findDatasetId(db)).toBe(dataset);
    expect(await db.selectFrom('notes').selectAll().execute()).toEqual([]);
    expect(await db.selectFrom('notes_keys').selectAll().execute()).toEqual([]);

    // A note takes the next seq of the one sequence people and connections use.
    await writeNotes(
      db,
      'p1',
      [{ id: NOTE_ID, rev: 1, ciphertext: 'C'.repeat(40), writerClientId: 'c1' }],
      2000,
    );
    expect(await findCurrentSeq(db)).toBe(4);
    expect(await findNote(db, { ownerId: 'p1', id: NOTE_ID })).toEqual({
      id: NOTE_ID,
      rev: 1,
      ciphertext: 'C'.repeat(40),
    });
  });

  it('scopes note ids by owner, refuses non-people owners and ciphertext in a tombstone', async ({
    db,
    migrateTo,
  }) => {
    await migrateTo(TO);
    await upsertPeople(db, [
      makePerson({ id: 'p1', name: 'Ada Lovelace' }),
      makePerson({ id: 'p2', name: 'Alan Turing' }),
    ]);
    const row: NotesTable = {
      owner_id: 'p1',
      id: NOTE_ID,
      rev: 1,
      ciphertext: 'C'.repeat(40),
      writer_client_id: 'c1',
      deleted: 0,
      seq: 10,
      updated_at: 0,
    };
    await db.insertInto('notes').values(row).execute();
    await db
      .insertInto('notes')
      .values({ ...row, owner_id: 'p2', seq: 11 })
      .execute();
    await expect(
      db
        .insertInto('notes')
        .values({ ...row, seq: 12 })
        .execute(),
    ).rejects.toThrow(/UNIQUE|PRIMARY/);
    await expect(
      db
        .insertInto('notes')
        .values({ ...row, owner_id: 'p404', seq: 13 })
        .execute(),
    ).rejects.toThrow(/FOREIGN KEY/);
    await expect(
      db
        .insertInto('notes')
        .values({ ...row, id: 'other', deleted: 1, seq: 14 })
        .execute(),
    ).rejects.toThrow(/CHECK/);
    await expect(
      db
        .insertInto('notes')
        .values({ ...row, id: 'other', ciphertext: null, seq: 15 })
        .execute(),
    ).rejects.toThrow(/CHECK/);
    await expect(
      db
        .insertInto('notes_keys')
        .values({ owner_id: 'p404', key_id: 'k', wrapped: '{}', updated_at: 0 })
        .execute(),
    ).rejects.toThrow(/FOREIGN KEY/);
  });

  it('rolls back to 0050 by dropping both tables', async ({ db, migrateTo }) => {
    await migrateTo(TO);
    await migrateTo('0050-create-connections');
    const tables = (await db.introspection.getTables()).map((t) => t.name);
    expect(tables).not.toContain('notes');
    expect(tables).not.toContain('notes_keys');
  });
});
