import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  findConnection,
  recomputeConnections,
  upsertSyncedConnections,
} from '#core/network/connections.repo';
import { listOutbox, listOutboxBatch, toMutation } from '#core/sync/outbox.repo';
import { decryptNote, encryptNote } from '#core/notes/note-cipher';
import { findNoteRecord, putNoteFromServer } from '#core/notes/notes.repo';
import { createNotesService, type NotesService } from '#core/notes/notes-service';
import { applyPushResults } from '#core/sync/push-outbox';
import { applyPullPage, applySnapshotBatch, discardSyncedData, finishSnapshot } from '#core/sync/apply-sync';
import { openLocalDb, type LocalDb } from '#core/store/local-db';
import { readState, writeState } from '#core/store/local-state.repo';
import { upsertPeople } from '#core/store/people.repo';
import { NEW_CONNECTION } from '#shared/domain/connection';
import type { NotePayload, SaveNoteInput } from '#shared/domain/note';
import type { Mutation } from '#shared/wire/push';
import { makePerson } from '../../../support/people.ts';
import { makeTempDir } from '../../../support/temp-dir.ts';

const ada = makePerson({ id: 'ada', name: 'Ada Lovelace' });
const cipher = { ownerId: 'me', key: randomBytes(32) };
const NOTE_ID = '0b0e6a2e-8a5b-4f0e-9d38-6a1c5e3f2a10';

const input = (fields: Partial<SaveNoteInput> = {}): SaveNoteInput => ({
  personId: ada.id,
  body: 'Met at the offsite',
  tags: [],
  pinned: false,
  followUpAt: null,
  interaction: null,
  ...fields,
});

const serverVersion = (body: string): NotePayload => ({
  personId: ada.id,
  body,
  tags: [],
  pinned: false,
  followUpAt: null,
  interaction: null,
  createdAt: 1,
  updatedAt: 2,
  conflictOf: null,
});

describe('notes sync on the device', () => {
  let dir: Awaited<ReturnType<typeof makeTempDir>>;
  let db: Kysely<LocalDb>;
  let ready: boolean;
  let written: { queued: boolean; connections: boolean }[];
  let notes: NotesService;
  let clock: number;

  beforeEach(async () => {
    dir = await makeTempDir();
    db = await openLocalDb(dir.path);
    await upsertPeople(db, [{ person: ada, seq: 1 }]);
    await writeState(db, 'account', { serverUrl: 'http://127.0.0.1:1', personId: 'me', demo: false });
    await writeState(db, 'dataset', 'd1');
    await writeState(db, 'cursor', 1);
    ready = true;
    written = [];
    clock = 1_000;
    notes = createNotesService({
      db,
      signedInPersonId: async () => 'me',
      cipher: async () => (ready ? cipher : null),
      // One entry a write: whether it asked for a push, and whether it moved a connection forward.
      emit: (event) => {
        if (event === 'notes.changed') written.push({ queued: false, connections: false });
        if (event === 'network.changed') written.at(-1)!.connections = true;
      },
      syncSoon: () => {
        written.at(-1)!.queued = true;
      },
      now: () => clock++,
    });
  });
  afterEach(async () => {
    await db.destroy();
    await dir.remove();
  });

  const mutations = async () => (await listOutbox(db, 100)).map(toMutation);
  const notePut = (m: Mutation) => {
    if (m.type !== 'note.put') throw new Error(`expected a note.put, got ${m.type}`);
    return { ...m, payload: decryptNote(cipher, m.noteId, m.ciphertext) };
  };
  /** A note the server has at `rev`, shown here. */
  async function syncedNote(body: string, rev: number) {
    const ciphertext = encryptNote(cipher, NOTE_ID, serverVersion(body));
    await db.insertInto('notes_synced').values({ id: NOTE_ID, rev, ciphertext, seq: 1 }).execute();
    await putNoteFromServer(db, NOTE_ID, serverVersion(body), rev);
  }

  it('keeps notes local (no outbox) until this device has the notes key', async () => {
    ready = false;
    await notes.save(input());
    expect(await mutations()).toEqual([]);
    expect(written).toEqual([{ queued: false, connections: false }]);
  });

  it('queues each edit encrypted, based on the revision the note descends from', async () => {
    const created = await notes.save(input());
    await notes.save({ ...input({ body: 'Edited' }), id: created.id });
    await syncedNote('On the server', 3);
    await notes.save({ ...input({ body: 'Edited here' }), id: NOTE_ID });
    const [first, second, third] = (await mutations()).map(notePut);
    expect(first).toMatchObject({ noteId: created.id, baseRev: 0, payload: { body: 'Met at the offsite' } });
    expect(second).toMatchObject({ noteId: created.id, baseRev: 0, payload: { body: 'Edited' } });
    expect(third).toMatchObject({
      noteId: NOTE_ID,
      baseRev: 3,
      payload: { body: 'Edited here', createdAt: 1 },
    });
    expect(JSON.stringify(await listOutbox(db, 100))).not.toContain('Edited');
    expect(written.every((w) => w.queued)).toBe(true);
  });

  it('moves the connection’s last interaction forward when a note logs a later one, never back', async () => {
    await upsertSyncedConnections(db, [
      {
        connection: { ...NEW_CONNECTION, personId: ada.id, lastInteractionAt: '2026-11-01', updatedAt: 1 },
        seq: 1,
      },
    ]);
    await db.transaction().execute((trx) => recomputeConnections(trx, [ada.id]));
    await notes.save(input({ interaction: { type: 'coffee', on: '2026-10-01' } }));
    expect((await findConnection(db, ada.id))?.lastInteractionAt).toBe('2026-11-01');
    const saved = await notes.save(input({ interaction: { type: 'call', on: '2026-11-20' } }));
    expect(saved.interaction).toEqual({ type: 'call', on: '2026-11-20' });
    expect((await findConnection(db, ada.id))?.lastInteractionAt).toBe('2026-11-20');
    expect((await mutations()).filter((m) => m.type === 'connection.put')).toEqual([
      { type: 'connection.put', mutationId: 3, personId: ada.id, patch: { lastInteractionAt: '2026-11-20' } },
    ]);
    expect(written.at(-1)).toEqual({ queued: true, connections: true });
    // Both notes were queued as well: the service's one push request covers the note and the connection.
    expect((await mutations()).map((m) => m.type)).toEqual(['note.put', 'note.put', 'connection.put']);
  });

  it('saves many notes in one go, or none when one is invalid', async () => {
    await expect(
      notes.saveMany([input({ body: 'one' }), input({ personId: 'nobody' }), input({ body: 'three' })]),
    ).rejects.toMatchObject({ code: 'not_found' });
    expect(await db.selectFrom('notes').select('id').execute()).toEqual([]);
    const saved = await notes.saveMany([input({ body: 'one' }), input({ body: 'two' })]);
    expect(saved.map((n) => n.body)).toEqual(['one', 'two']);
    expect(await mutations()).toHaveLength(2);
    expect(written).toHaveLength(1);
  });

  it('queues a delete for every note once this device has the key, and none before', async () => {
    ready = false;
    const local = await notes.save(input());
    await notes.delete(local.id);
    expect(await mutations()).toEqual([]);
    ready = true;
    await syncedNote('On the server', 2);
    await notes.delete(NOTE_ID);
    expect(await mutations()).toEqual([{ type: 'note.delete', mutationId: 1, noteId: NOTE_ID, baseRev: 2 }]);
  });

  it('queues a delete for a note whose push was acknowledged before any pull told this device its rev', async () => {
    const created = await notes.save(input({ body: 'Pushed, not pulled' }));
    const batch = await listOutbox(db, 100);
    await applyPushResults(db, batch, [{ mutationId: batch[0]!.mutation_id, status: 'applied' }], clock);
    expect(await mutations()).toEqual([]);
    expect((await findNoteRecord(db, created.id))?.rev).toBe(0); // the server has rev 1; no pull yet
    await notes.delete(created.id);
    expect(await mutations()).toEqual([
      { type: 'note.delete', mutationId: 2, noteId: created.id, baseRev: 0 },
    ]);
    expect(written.at(-1)).toEqual({ queued: true, connections: false });
  });

  it('refuses to edit or delete a synced note while this device has no notes key, changing nothing', async () => {
    await syncedNote('On the server', 2);
    const queued = await notes.save(input({ body: 'Queued, not pushed yet' }));
    ready = false; // the keychain lost the key, or could not keep it
    written = [];
    const refusal = {
      code: 'unavailable',
      message: expect.stringMatching(/unlock notes with your passphrase first.*Nothing was changed/),
    };
    await expect(
      notes.save({ ...input({ body: 'Edited while locked' }), id: NOTE_ID }),
    ).rejects.toMatchObject(refusal);
    await expect(notes.delete(NOTE_ID)).rejects.toMatchObject(refusal);
    await expect(notes.save({ ...input({ body: 'Edited too' }), id: queued.id })).rejects.toMatchObject(
      refusal,
    );
    await expect(notes.delete(queued.id)).rejects.toMatchObject(refusal);
    await expect(
      notes.saveMany([input({ body: 'New' }), { ...input({ body: 'Edited' }), id: NOTE_ID }]),
    ).rejects.toMatchObject(refusal);
    expect((await findNoteRecord(db, NOTE_ID))?.note.body).toBe('On the server');
    expect((await findNoteRecord(db, queued.id))?.note.body).toBe('Queued, not pushed yet');
    expect((await notes.listForPerson(ada.id)).map((n) => n.body).sort()).toEqual([
      'On the server',
      'Queued, not pushed yet',
    ]);
    expect(await mutations()).toHaveLength(1); // the queued put, nothing more
    expect(written).toEqual([]);
    // Saving it unchanged changes nothing, so it is no edit to refuse.
    expect(await notes.save({ ...input({ body: 'On the server' }), id: NOTE_ID })).toMatchObject({
      body: 'On the server',
    });

    // A note only on this device stays editable: the key, once here, queues it whole.
    const local = await notes.save(input({ body: 'Only here' }));
    await notes.save({ ...input({ body: 'Only here, edited' }), id: local.id });
    expect(await notes.delete(local.id)).toEqual({ deleted: true });

    ready = true;
    await notes.save({ ...input({ body: 'Edited once unlocked' }), id: NOTE_ID });
    expect((await mutations()).map((m) => m.type)).toEqual(['note.put', 'note.put']);
  });

  it('turns conflicting edits into one conflict copy and shows the server’s version again', async () => {
    await syncedNote('Original', 1);
    await notes.save({ ...input({ body: 'Edit 1' }), id: NOTE_ID });
    await notes.save({ ...input({ body: 'Edit 2', tags: ['kept'] }), id: NOTE_ID });
    // Another device's edit arrived meanwhile; the pull kept the pending local edit on top.
    await applyPullPage(
      db,
      {
        dataset: 'd1',
        cursor: 5,
        hasMore: false,
        changes: [
          {
            entity: 'note',
            op: 'upsert',
            seq: 5,
            value: {
              id: NOTE_ID,
              rev: 2,
              ciphertext: encryptNote(cipher, NOTE_ID, serverVersion('From the phone')),
            },
          },
        ],
      },
      clock,
      cipher,
    );
    expect((await findNoteRecord(db, NOTE_ID))?.note.body).toBe('Edit 2');

    const batch = await listOutbox(db, 100);
    const outcome = await applyPushResults(
      db,
      batch,
      batch.map((row) => ({ mutationId: row.mutation_id, status: 'conflict' as const })),
      clock,
      cipher,
    );
    expect(outcome).toMatchObject({ acknowledged: 2, rejected: [], notesChanged: 1 });
    const all = await notes.listForPerson(ada.id);
    expect(all.map((n) => [n.body, n.conflictOf])).toEqual(
      expect.arrayContaining([
        ['From the phone', null],
        ['Edit 2', NOTE_ID],
      ]),
    );
    expect(all).toHaveLength(2);
    const copy = all.find((n) => n.conflictOf === NOTE_ID)!;
    expect(copy.tags).toEqual(['kept']);
    expect((await mutations()).map(notePut)).toEqual([
      expect.objectContaining({
        noteId: copy.id,
        baseRev: 0,
        payload: expect.objectContaining({ body: 'Edit 2' }),
      }),
    ]);

    // Kept as a note of its own: a local write, queued like an edit.
    const kept = await notes.dismissConflict(copy.id);
    expect(kept.conflictOf).toBeNull();
    expect((await mutations()).map(notePut).at(-1)).toMatchObject({
      noteId: copy.id,
      payload: { conflictOf: null },
    });
  });

  it('brings a note deleted here back when another device edited it', async () => {
    await syncedNote('Original', 1);
    await notes.delete(NOTE_ID);
    const batch = await listOutbox(db, 100);
    await applyPushResults(
      db,
      batch,
      [{ mutationId: batch[0]!.mutation_id, status: 'conflict' }],
      clock,
      cipher,
    );
    expect((await findNoteRecord(db, NOTE_ID))?.note.body).toBe('Original');
    expect(await mutations()).toEqual([]);
  });

  it('rolls a rejected note write back to the server’s version, records it, and keeps its text unqueued', async () => {
    await syncedNote('Original', 1);
    await notes.save({ ...input({ body: 'Refused' }), id: NOTE_ID });
    const batch = await listOutbox(db, 100);
    const outcome = await applyPushResults(
      db,
      batch,
      [{ mutationId: batch[0]!.mutation_id, status: 'rejected', reason: 'no' }],
      clock,
      cipher,
    );
    expect(outcome.rejected).toEqual([
      expect.objectContaining({ description: 'Note about Ada Lovelace', reason: 'no' }),
    ]);
    expect((await findNoteRecord(db, NOTE_ID))?.note.body).toBe('Original');
    const kept = (await notes.listForPerson(ada.id)).filter((n) => n.id !== NOTE_ID);
    expect(kept).toEqual([expect.objectContaining({ body: 'Refused', conflictOf: NOTE_ID })]);
    expect(await mutations()).toEqual([]);
  });

  it('keeps the text of a rejected new note, which the server never had', async () => {
    const created = await notes.save(input({ body: 'Never accepted' }));
    const batch = await listOutbox(db, 100);
    await applyPushResults(
      db,
      batch,
      [{ mutationId: batch[0]!.mutation_id, status: 'rejected', reason: 'no' }],
      clock,
      cipher,
    );
    const left = await notes.listForPerson(ada.id);
    expect(left.map((n) => n.body)).toEqual(['Never accepted']);
    expect(left[0]).toMatchObject({ conflictOf: null });
    expect(left[0]!.id).not.toBe(created.id);
    expect(await mutations()).toEqual([]);
  });

  it('flags a tampered note unreadable, applies the rest of the page, and never overwrites a pending edit', async () => {
    const other = '7c9d7c1e-2f4b-4a44-8a1d-1f2e3d4c5b6a';
    await notes.save({ ...input({ body: 'Pending here' }), id: (await notes.save(input())).id });
    const [local] = await notes.listForPerson(ada.id);
    const good = encryptNote(cipher, other, serverVersion('Readable'));
    const bad = Buffer.from(encryptNote(cipher, NOTE_ID, serverVersion('Secret')), 'base64url');
    bad[40] = bad[40]! ^ 0xff;
    await applyPullPage(
      db,
      {
        dataset: 'd1',
        cursor: 9,
        hasMore: false,
        changes: [
          {
            entity: 'note',
            op: 'upsert',
            seq: 7,
            value: { id: NOTE_ID, rev: 1, ciphertext: bad.toString('base64url') },
          },
          { entity: 'note', op: 'upsert', seq: 8, value: { id: other, rev: 1, ciphertext: good } },
          {
            entity: 'note',
            op: 'upsert',
            seq: 9,
            value: {
              id: local!.id,
              rev: 4,
              ciphertext: encryptNote(cipher, local!.id, serverVersion('Theirs')),
            },
          },
        ],
      },
      clock,
      cipher,
    );
    expect(await readState(db, 'cursor')).toBe(9);
    expect(await findNoteRecord(db, NOTE_ID)).toBeNull();
    expect((await findNoteRecord(db, other))?.note.body).toBe('Readable');
    expect((await findNoteRecord(db, local!.id))?.note.body).toBe('Pending here');
    expect(
      await db.selectFrom('notes_synced').select(['id', 'unreadable']).where('unreadable', '=', 1).execute(),
    ).toEqual([{ id: NOTE_ID, unreadable: 1 }]);
  });

  it('takes notes from a new snapshot, and drops those it no longer has unless an edit is pending', async () => {
    const kept = '7c9d7c1e-2f4b-4a44-8a1d-1f2e3d4c5b6a';
    const edited = 'c3d2e1f0-1a2b-4c3d-8e4f-5a6b7c8d9e0f';
    await syncedNote('Deleted on another device', 1);
    await db.transaction().execute(async (trx) => {
      for (const [id, body] of [
        [kept, 'Kept'],
        [edited, 'Edited here'],
      ] as const) {
        await trx
          .insertInto('notes_synced')
          .values({ id, rev: 1, ciphertext: encryptNote(cipher, id, serverVersion(body)), seq: 1 })
          .execute();
        await putNoteFromServer(trx, id, serverVersion(body), 1);
      }
    });
    await notes.save({ ...input({ body: 'Edited here, pending' }), id: edited });
    const local = await notes.save(input({ body: 'Never synced' }));
    await db.transaction().execute(discardSyncedData); // not a cursor reset: the next snapshot says what remains
    await applySnapshotBatch(
      db,
      {
        people: [ada],
        connections: [],
        shared: [],
        notes: [
          {
            id: kept,
            rev: 2,
            ciphertext: encryptNote(cipher, kept, serverVersion('Kept, edited elsewhere')),
          },
        ],
      },
      { dataset: 'd2', cursor: 20, section: 'notes', after: kept, applied: 2 },
      { fresh: true, cipher },
    );
    await finishSnapshot(db, { dataset: 'd2', snapshotCursor: 20, cursor: 20 }, clock);
    expect((await notes.listForPerson(ada.id)).map((n) => n.body).sort()).toEqual([
      'Edited here, pending',
      'Kept, edited elsewhere',
      'Never synced',
    ]);
    expect(await findNoteRecord(db, NOTE_ID)).toBeNull();
    expect((await findNoteRecord(db, local.id))?.rev).toBe(0);
    expect((await db.selectFrom('notes_synced').select('id').execute()).map((r) => r.id)).toEqual([kept]);
  });

  it('fills a push batch by size as well as by count', async () => {
    const big = 'x'.repeat(400_000);
    await notes.saveMany([input({ body: big }), input({ body: big }), input({ body: 'small' })]);
    const sizes = (await listOutbox(db, 10)).map((r) => r.payload.length);
    const oneAndAHalf = sizes[0]! + sizes[1]! / 2;
    expect((await listOutboxBatch(db, { maxCount: 500, maxBytes: oneAndAHalf })).length).toBe(1);
    expect((await listOutboxBatch(db, { maxCount: 500, maxBytes: 10 })).length).toBe(1); // never empty
    expect((await listOutboxBatch(db, { maxCount: 2, maxBytes: 100_000_000 })).length).toBe(2);
    expect((await listOutboxBatch(db, { maxCount: 500, maxBytes: 100_000_000 })).length).toBe(3);
  });
});
