import { sql } from 'kysely';
import { describe, expect } from 'vitest';
import { listOutbox, toMutation } from '#core/sync/outbox.repo';
import { findNoteRecord } from '#core/notes/notes.repo';
import { localMigrations } from '#core/store/migrations/index';
import { localMigrationTest, versionBefore } from '../../../../support/migration-step.ts';

const VERSION = '0060-sync-notes';
const PREVIOUS = versionBefore(localMigrations, VERSION);
const NOTE_ID = '0b0e6a2e-8a5b-4f0e-9d38-6a1c5e3f2a10';

const it = localMigrationTest({
  from: PREVIOUS,
  // Rows as the schema before this version stored them.
  seed: async (db) => {
    await sql`insert into notes (id, person_id, body, tags, tag_keys, pinned, follow_up_at, created_at, updated_at)
      values (${NOTE_ID}, 'ada', 'Met at the offsite', '["Offsite"]', '["offsite"]', 1, '2030-01-02', 10, 20)`.execute(
      db,
    );
    await sql`insert into outbox (mutation_id, type, person_id, payload, created_at)
      values (1, 'connection.put', 'ada', '{"patch":{"strength":5}}', 30)`.execute(db);
  },
});

describe(`local migration ${VERSION}`, () => {
  it('keeps notes as never synced plain notes, and queued connection writes as they were', async ({
    db,
    migrateTo,
  }) => {
    await migrateTo(VERSION);
    expect(await findNoteRecord(db, NOTE_ID)).toEqual({
      rev: 0,
      note: {
        id: NOTE_ID,
        personId: 'ada',
        body: 'Met at the offsite',
        tags: ['Offsite'],
        pinned: true,
        followUpAt: '2030-01-02',
        interaction: null,
        createdAt: 10,
        updatedAt: 20,
        conflictOf: null,
      },
    });
    const outbox = await listOutbox(db, 10);
    expect(outbox).toEqual([expect.objectContaining({ mutation_id: 1, note_id: null })]);
    expect(toMutation(outbox[0]!)).toEqual({
      type: 'connection.put',
      mutationId: 1,
      personId: 'ada',
      patch: { strength: 5 },
    });
    expect(await db.selectFrom('notes_synced').selectAll().execute()).toEqual([]);
    const hit = await sql<{
      n: number;
    }>`select count(*) as n from notes_fts where notes_fts match 'offs*'`.execute(db);
    expect(hit.rows[0]?.n).toBe(1);
  });

  it('stores a synced note and a note write, and rolls back to the previous version keeping notes', async ({
    db,
    migrateTo,
  }) => {
    await migrateTo(VERSION);
    await db
      .insertInto('notes_synced')
      .values({ id: NOTE_ID, rev: 3, ciphertext: 'x'.repeat(40), seq: 9 })
      .execute();
    expect(await db.selectFrom('notes_synced').select(['id', 'unreadable']).execute()).toEqual([
      { id: NOTE_ID, unreadable: 0 },
    ]);
    await db
      .insertInto('outbox')
      .values({
        mutation_id: 2,
        type: 'note.delete',
        person_id: 'ada',
        note_id: NOTE_ID,
        payload: '{"baseRev":3}',
        created_at: 40,
      })
      .execute();
    const outbox = await listOutbox(db, 10);
    expect(toMutation(outbox[1]!)).toEqual({
      type: 'note.delete',
      mutationId: 2,
      noteId: NOTE_ID,
      baseRev: 3,
    });

    await migrateTo(PREVIOUS);
    const notes = await sql<{ id: string }>`select id from notes`.execute(db);
    expect(notes.rows).toEqual([{ id: NOTE_ID }]);
    const queued = await sql<{ mutation_id: number }>`select mutation_id from outbox`.execute(db);
    expect(queued.rows).toEqual([{ mutation_id: 1 }]);
  });
});
