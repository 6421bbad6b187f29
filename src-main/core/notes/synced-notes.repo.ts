import type { ExpressionBuilder, Transaction } from 'kysely';
import type { Note, NotePayload } from '#shared/domain/note';
import { chunk, type ReadDb, type WriteDb } from '#shared/node/open-database';
import type { SyncedNote } from '#shared/wire/notes';
import { appendToOutbox, type NewNoteMutation } from '../sync/outbox.repo.ts';
import type { LocalDb } from '../store/local-db.ts';
import { bulkUpsert } from '#shared/node/bulk-insert';
import { decryptNote, encryptNote, type NoteCipherContext } from './note-cipher.ts';
import { deleteNote, findNoteRecord, putNoteFromServer, setNoteRev } from './notes.repo.ts';

/** Well under SQLite's limit of bound parameters per statement. */
const IDS_PER_STATEMENT = 10_000;

/** What is encrypted of a note: everything but its id. */
export function toNotePayload({ id: _id, ...payload }: Note): NotePayload {
  return payload;
}

/** Stores the server's versions (a new version is readable until proven otherwise). */
export async function upsertSyncedNotes(
  db: WriteDb<LocalDb>,
  entries: readonly { note: SyncedNote; seq: number }[],
) {
  for (const { note, seq } of entries) {
    const row = { id: note.id, rev: note.rev, ciphertext: note.ciphertext, seq, unreadable: 0 as const };
    await bulkUpsert(db, 'notes_synced', ['id'], [row]);
  }
}

export async function deleteSyncedNotes(db: WriteDb<LocalDb>, ids: readonly string[]) {
  for (const part of chunk(ids, IDS_PER_STATEMENT))
    await db.deleteFrom('notes_synced').where('id', 'in', part).execute();
}

/** The notes among `ids` with a write still in the outbox: a pull must not overwrite them. */
export async function listPendingNoteIds(db: ReadDb<LocalDb>, ids: readonly string[]): Promise<Set<string>> {
  const out = new Set<string>();
  for (const part of chunk([...new Set(ids)], IDS_PER_STATEMENT)) {
    const rows = await db
      .selectFrom('outbox')
      .select('note_id')
      .distinct()
      .where('note_id', 'in', part)
      .execute();
    for (const row of rows) if (row.note_id !== null) out.add(row.note_id);
  }
  return out;
}

export type RestoreOutcome = 'restored' | 'deleted' | 'unreadable' | 'unchanged';

/**
 * Shows the server's version of one note instead of the local one: decrypted into notes, or the local note
 * deleted when the server has none. A ciphertext that fails authentication is flagged unreadable and the
 * local note stays as it was (nothing lost); without the key nothing changes.
 */
export async function restoreNoteFromServer(
  trx: Transaction<LocalDb>,
  cipher: NoteCipherContext | null,
  id: string,
): Promise<RestoreOutcome> {
  const synced = await trx.selectFrom('notes_synced').selectAll().where('id', '=', id).executeTakeFirst();
  if (!synced) return (await deleteNote(trx, id)) ? 'deleted' : 'unchanged';
  if (!cipher) return 'unchanged';
  let payload: NotePayload;
  try {
    payload = decryptNote(cipher, id, synced.ciphertext);
  } catch (err) {
    console.warn(`Kept note ${id} as it came from the server:`, err instanceof Error ? err.message : err);
    await trx.updateTable('notes_synced').set({ unreadable: 1 }).where('id', '=', id).execute();
    return 'unreadable';
  }
  if (synced.unreadable)
    await trx.updateTable('notes_synced').set({ unreadable: 0 }).where('id', '=', id).execute();
  await putNoteFromServer(trx, id, payload, synced.rev);
  return 'restored';
}

/** Brings the server's version of these notes into what the UI reads, skipping notes with pending writes. */
export async function refreshNotesFromServer(
  trx: Transaction<LocalDb>,
  cipher: NoteCipherContext | null,
  ids: readonly string[],
): Promise<{ changed: number }> {
  const pending = await listPendingNoteIds(trx, ids);
  let changed = 0;
  for (const id of new Set(ids)) {
    if (pending.has(id)) continue;
    const outcome = await restoreNoteFromServer(trx, cipher, id);
    if (outcome === 'restored' || outcome === 'deleted') changed++;
  }
  return { changed };
}

/** Every note the server holds and this device has not shown yet (or could not read), for an unlock. */
export async function listSyncedNoteIds(db: ReadDb<LocalDb>): Promise<string[]> {
  const rows = await db.selectFrom('notes_synced').select('id').execute();
  return rows.map((r) => r.id);
}

/** For a query over notes: the server holds no version of the note (no row in notes_synced). */
function hasNoServerVersion({ not, exists, selectFrom }: ExpressionBuilder<LocalDb, 'notes'>) {
  return not(exists(selectFrom('notes_synced as s').select('s.id').whereRef('s.id', '=', 'notes.id')));
}

/**
 * After a snapshot: forgets the server rows it did not rewrite (older than its cursor) and lists the local
 * notes that descend from a server revision the server no longer has.
 */
async function forgetNotesMissingFromSnapshot(trx: Transaction<LocalDb>, snapshotCursor: number) {
  const stale = await trx.selectFrom('notes_synced').select('id').where('seq', '<', snapshotCursor).execute();
  await deleteSyncedNotes(
    trx,
    stale.map((r) => r.id),
  );
  const orphans = await trx
    .selectFrom('notes')
    .select('id')
    .where('rev', '>', 0)
    .where(hasNoServerVersion)
    .execute();
  return orphans.map((r) => r.id);
}

/**
 * After a snapshot of the same server data: notes it lacks were deleted there (their synced row is older than
 * the snapshot, or gone, while the local note descends from a server revision) and leave this device,
 * unless a write is pending.
 */
export async function dropNotesGoneFromServer(trx: Transaction<LocalDb>, snapshotCursor: number) {
  const ids = await forgetNotesMissingFromSnapshot(trx, snapshotCursor);
  const pending = await listPendingNoteIds(trx, ids);
  let dropped = 0;
  for (const id of ids) if (!pending.has(id) && (await deleteNote(trx, id))) dropped++;
  return dropped;
}

/**
 * After the first snapshot of a restored or rebuilt server: a note it lacks was lost there (a delete on
 * another device comes as a tombstone, before the reset), so this device's copy is the only one. It stays,
 * as a note the server does not have (rev 0), queued again as a new one when this device has the key; a
 * write already queued goes as it is. Without the key it waits: unlocking queues it (queueNeverSyncedNotes).
 */
export async function requeueNotesLostByServer(
  trx: Transaction<LocalDb>,
  cipher: NoteCipherContext | null,
  snapshotCursor: number,
  now: number,
) {
  const ids = await forgetNotesMissingFromSnapshot(trx, snapshotCursor);
  for (const part of chunk(ids, IDS_PER_STATEMENT)) await setNoteRev(trx, part, 0);
  if (!cipher) return 0;
  const pending = await listPendingNoteIds(trx, ids);
  let queued = 0;
  for (const id of ids) {
    const record = pending.has(id) ? null : await findNoteRecord(trx, id);
    if (!record) continue;
    await queueNotePut(trx, cipher, record.note, 0, now);
    queued++;
  }
  return queued;
}

/**
 * Within the first snapshot of a restored server: a note whose copy there is older than the text here (its
 * payload's updatedAt is earlier) keeps the text here, now based on the server's revision and queued as an
 * edit of it. Returns the ids of the other notes, for refreshNotesFromServer.
 */
export async function keepNotesNewerThanServer(
  trx: Transaction<LocalDb>,
  cipher: NoteCipherContext | null,
  notes: readonly SyncedNote[],
  now: number,
): Promise<string[]> {
  if (!cipher) return notes.map((n) => n.id);
  const pending = await listPendingNoteIds(
    trx,
    notes.map((n) => n.id),
  );
  const rest: string[] = [];
  for (const note of notes) {
    const local = pending.has(note.id) ? null : await findNoteRecord(trx, note.id);
    let serverUpdatedAt = Infinity;
    if (local) {
      try {
        serverUpdatedAt = decryptNote(cipher, note.id, note.ciphertext).updatedAt;
      } catch {
        // refreshNotesFromServer flags it unreadable and keeps the text here
      }
    }
    if (!local || serverUpdatedAt >= local.note.updatedAt) {
      rest.push(note.id);
      continue;
    }
    await setNoteRev(trx, [note.id], note.rev);
    await queueNotePut(trx, cipher, local.note, note.rev, now);
  }
  return rest;
}

/** Forgets the server's notes before a new snapshot (a cursor reset): the snapshot's seq will mark what remains. */
export async function markSyncedNotesStale(db: WriteDb<LocalDb>) {
  await db.updateTable('notes_synced').set({ seq: -1 }).execute();
}

/** Queues a note's whole text, encrypted now, as a put based on server revision `baseRev`. */
export async function queueNotePut(
  trx: Transaction<LocalDb>,
  cipher: NoteCipherContext,
  note: Note,
  baseRev: number,
  now: number,
) {
  const ciphertext = encryptNote(cipher, note.id, toNotePayload(note));
  const mutation: NewNoteMutation = { type: 'note.put', noteId: note.id, baseRev, ciphertext };
  return appendToOutbox(trx, { mutation, personId: note.personId }, now);
}

/**
 * Queues every local note the server has never seen (revision 0, nothing queued, no server version): what
 * a passphrase set up or unlocked here starts syncing.
 */
export async function queueNeverSyncedNotes(
  trx: Transaction<LocalDb>,
  cipher: NoteCipherContext,
  now: number,
) {
  const rows = await trx
    .selectFrom('notes')
    .select('id')
    .where('rev', '=', 0)
    .where(({ not, exists, selectFrom }) =>
      not(exists(selectFrom('outbox as o').select('o.mutation_id').whereRef('o.note_id', '=', 'notes.id'))),
    )
    .where(hasNoServerVersion)
    .orderBy('pk')
    .execute();
  for (const { id } of rows) {
    const record = await findNoteRecord(trx, id);
    if (record) await queueNotePut(trx, cipher, record.note, 0, now);
  }
  return rows.length;
}

/** The counts NotesEncryption reports. */
export async function countNotesByState(db: ReadDb<LocalDb>) {
  const synced = await db
    .selectFrom('notes_synced as s')
    .select([
      (eb) => eb.fn.countAll<number>().as('total'),
      (eb) => eb.fn.sum<number>('s.unreadable').as('unreadable'),
    ])
    .executeTakeFirstOrThrow();
  const shown = await db
    .selectFrom('notes_synced as s')
    .innerJoin('notes as n', 'n.id', 's.id')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('s.unreadable', '=', 0)
    .executeTakeFirstOrThrow();
  const unsynced = await db
    .selectFrom('notes as n')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where(({ or, eb, exists, selectFrom }) =>
      or([
        eb('n.rev', '=', 0),
        exists(selectFrom('outbox as o').select('o.mutation_id').whereRef('o.note_id', '=', 'n.id')),
      ]),
    )
    .executeTakeFirstOrThrow();
  const unreadable = Number(synced.unreadable ?? 0);
  return {
    /** Server notes that are readable in principle but not shown here (no key yet). */
    waiting: Number(synced.total) - unreadable - Number(shown.n),
    unreadable,
    unsynced: Number(unsynced.n),
  };
}
