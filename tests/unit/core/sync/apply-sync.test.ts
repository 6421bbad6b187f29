import { randomBytes } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createEventHub } from '#core/events';
import { createDirectoryService } from '#core/directory/directory-service';
import { listOutbox, toMutation } from '#core/sync/outbox.repo';
import { decryptNote, encryptNote } from '#core/notes/note-cipher';
import { openLocalDb, type LocalDb } from '#core/store/local-db';
import { readState } from '#core/store/local-state.repo';
import {
  applyPullPage,
  applySnapshotBatch,
  discardSyncedData,
  finishSnapshot,
  markSyncedDataStale,
  type SnapshotBatch,
} from '#core/sync/apply-sync';
import { NEW_CONNECTION, type Connection, type SharedConnection } from '#shared/domain/connection';
import type { NotePayload } from '#shared/domain/note';
import type { SyncedNote } from '#shared/wire/notes';
import { makePerson } from '../../../support/people.ts';
import { makeTempDir } from '../../../support/temp-dir.ts';

const ada = makePerson({ id: 'ada', name: 'Ada Lovelace' });
const bob = makePerson({ id: 'bob', name: 'Bob Kahn', skills: ['Networking'] });
const cy = makePerson({ id: 'cy', name: 'Cy Young' });
const connection = (personId: string, strength: number): Connection => ({
  ...NEW_CONNECTION,
  personId,
  strength,
  updatedAt: 1,
});
const shared: SharedConnection = { ownerId: 'cy', personId: 'ada', kinds: ['mentor'], strength: 4 };

/** Writes a whole snapshot at `cursor`, as the engine does. */
async function snapshot(
  db: Kysely<LocalDb>,
  dataset: string,
  cursor: number,
  batch: Omit<SnapshotBatch, 'notes'>,
  fresh: boolean,
) {
  const progress = { dataset, cursor, section: 'people' as const, after: 'zz', applied: 1 };
  await applySnapshotBatch(db, { ...batch, notes: [] }, progress, { fresh });
  await finishSnapshot(db, { dataset, snapshotCursor: cursor, cursor }, 1000);
}

/** FTS5 compares each external-content index with the people table; a mismatch throws. */
async function checkIndexes(db: Kysely<LocalDb>) {
  await sql`insert into people_fts (people_fts, rank) values ('integrity-check', 1)`.execute(db);
  await sql`insert into people_name_fts (people_name_fts, rank) values ('integrity-check', 1)`.execute(db);
}

describe('markSyncedDataStale', () => {
  let db: Kysely<LocalDb>;
  let dir: Awaited<ReturnType<typeof makeTempDir>>;
  beforeEach(async () => {
    dir = await makeTempDir();
    db = await openLocalDb(dir.path);
  });
  afterEach(async () => {
    await db.destroy();
    await dir.remove();
  });

  it('keeps every row readable until a new snapshot, which drops what it lacks even below old seqs', async () => {
    const directory = createDirectoryService(db, createEventHub());
    const search = async (text: string) =>
      (await directory.searchPeople({ text, offset: 0, limit: 50 })).items.map((p) => p.id);
    await snapshot(
      db,
      'd1',
      50,
      { people: [ada, bob, cy], connections: [connection('ada', 2), connection('bob', 3)], shared: [shared] },
      true,
    );
    // A later change: bob's rows end up past the cursor the rebuilt server starts at.
    await applyPullPage(
      db,
      {
        dataset: 'd1',
        cursor: 80,
        hasMore: false,
        changes: [
          { entity: 'person', op: 'upsert', seq: 79, value: { ...bob, title: 'Chief Networker' } },
          { entity: 'connection', op: 'upsert', seq: 80, value: connection('bob', 5) },
        ],
      },
      1000,
    );

    await db.transaction().execute(markSyncedDataStale);
    expect(await readState(db, 'cursor')).toBeNull();
    expect(await readState(db, 'dataset')).toBeNull();
    directory.invalidate();
    expect(await search('')).toEqual(['ada', 'bob', 'cy']);
    expect(await search('networking')).toEqual(['bob']);
    const shown = await db
      .selectFrom('connections')
      .select(['person_id', 'strength'])
      .orderBy('person_id')
      .execute();
    expect(shown).toEqual([
      { person_id: 'ada', strength: 2 },
      { person_id: 'bob', strength: 5 },
    ]);
    await checkIndexes(db);

    // The rebuilt server's snapshot, at a lower cursor: bob and the shared connection are gone from it.
    await snapshot(
      db,
      'd2',
      10,
      { people: [{ ...ada, title: 'Analyst' }, cy], connections: [connection('ada', 1)], shared: [] },
      false,
    );
    directory.invalidate();
    expect(await search('')).toEqual(['ada', 'cy']);
    expect(await search('networking')).toEqual([]);
    expect(await search('analyst')).toEqual(['ada']);
    expect(await db.selectFrom('person_skills').select('person_id').execute()).toEqual([]);
    expect(await db.selectFrom('connections').select(['person_id', 'strength']).execute()).toEqual([
      { person_id: 'ada', strength: 1 },
    ]);
    expect(await db.selectFrom('connections_synced').select(['person_id', 'seq']).execute()).toEqual([
      { person_id: 'ada', seq: 10 },
    ]);
    expect(await db.selectFrom('shared_connections').selectAll().execute()).toEqual([]);
    expect(await readState(db, 'dataset')).toBe('d2');
    await checkIndexes(db);
  });
});

describe('finishSnapshot after a cursor reset (the server restored or rebuilt)', () => {
  const cipher = { ownerId: 'me', key: randomBytes(32) };
  const LOST = '0b0e6a2e-8a5b-4f0e-9d38-6a1c5e3f2a10';
  const OLDER = '7c9d7c1e-2f4b-4a44-8a1d-1f2e3d4c5b6a';
  const NEWER = 'c3d2e1f0-1a2b-4c3d-8e4f-5a6b7c8d9e0f';
  let db: Kysely<LocalDb>;
  let dir: Awaited<ReturnType<typeof makeTempDir>>;
  beforeEach(async () => {
    dir = await makeTempDir();
    db = await openLocalDb(dir.path);
  });
  afterEach(async () => {
    await db.destroy();
    await dir.remove();
  });

  const payload = (body: string, updatedAt: number): NotePayload => ({
    personId: 'ada',
    body,
    tags: [],
    pinned: false,
    followUpAt: null,
    interaction: null,
    createdAt: 1,
    updatedAt,
    conflictOf: null,
  });
  const synced = (id: string, rev: number, body: string, updatedAt: number): SyncedNote => ({
    id,
    rev,
    ciphertext: encryptNote(cipher, id, payload(body, updatedAt)),
  });

  /** A whole snapshot with notes, as the engine writes it (the key passed only when this device has it). */
  async function snapshotWithNotes(
    dataset: string,
    cursor: number,
    notes: SyncedNote[],
    key: typeof cipher | null,
  ) {
    const progress = { dataset, cursor, section: 'notes' as const, after: 'zz', applied: 1 };
    await applySnapshotBatch(db, { people: [ada], connections: [], shared: [], notes }, progress, {
      fresh: false,
      cipher: key,
      now: 5000,
    });
    await finishSnapshot(db, { dataset, snapshotCursor: cursor, cursor }, 5000, key);
  }

  const shown = async () =>
    (await db.selectFrom('notes').select(['id', 'body', 'rev']).orderBy('id').execute()).map((n) => [
      n.id,
      n.body,
      n.rev,
    ]);
  const queued = async () =>
    (await listOutbox(db, 100)).map(toMutation).map((m) => {
      if (m.type !== 'note.put') throw new Error(`expected a note.put, got ${m.type}`);
      return [m.noteId, m.baseRev, decryptNote(cipher, m.noteId, m.ciphertext).body];
    });

  async function beforeTheReset() {
    await snapshotWithNotes(
      'd1',
      50,
      [
        synced(LOST, 1, 'Only on this device now', 10),
        synced(OLDER, 3, 'Edited after the backup', 40),
        synced(NEWER, 1, 'Before the other device edited it', 10),
      ],
      cipher,
    );
    await db.transaction().execute(markSyncedDataStale);
    expect(await readState(db, 'serverRestored')).toBe(true);
  }

  it('keeps the notes the new snapshot lacks and those newer here, and queues them for the server', async () => {
    await beforeTheReset();
    // The restored server: LOST is gone, OLDER is back at an earlier revision, NEWER was edited there.
    await snapshotWithNotes(
      'd2',
      10,
      [synced(OLDER, 2, 'From the backup', 20), synced(NEWER, 1, 'Edited on the other device', 30)],
      cipher,
    );
    expect(await shown()).toEqual([
      [LOST, 'Only on this device now', 0],
      [OLDER, 'Edited after the backup', 2],
      [NEWER, 'Edited on the other device', 1],
    ]);
    expect(await queued()).toEqual([
      [OLDER, 2, 'Edited after the backup'],
      [LOST, 0, 'Only on this device now'],
    ]);
    expect(
      (await db.selectFrom('notes_synced').select('id').orderBy('id').execute()).map((r) => r.id),
    ).toEqual([OLDER, NEWER]);
    expect(await readState(db, 'serverRestored')).toBeNull();
    expect(await readState(db, 'dataset')).toBe('d2');
  });

  it('keeps a lost note unqueued at rev 0 without the key, for an unlock to queue', async () => {
    await beforeTheReset();
    await snapshotWithNotes('d2', 10, [], null);
    expect((await shown()).find(([id]) => id === LOST)).toEqual([LOST, 'Only on this device now', 0]);
    expect(await listOutbox(db, 100)).toEqual([]);
    expect(await db.selectFrom('notes_synced').select('id').execute()).toEqual([]);
  });

  it('drops notes a later snapshot of the same server lacks once the reset is behind', async () => {
    await beforeTheReset();
    await snapshotWithNotes('d2', 10, [synced(OLDER, 2, 'From the backup', 20)], cipher);
    await db.transaction().execute(discardSyncedData); // not a reset: a snapshot then says what remains
    await db.deleteFrom('outbox').execute();
    await snapshotWithNotes('d2', 20, [], cipher);
    // OLDER was on the rebuilt server, then deleted there; the others it never had stay here.
    expect(await shown()).toEqual([
      [LOST, 'Only on this device now', 0],
      [NEWER, 'Before the other device edited it', 0],
    ]);
  });
});
