import { sql, type Kysely } from 'kysely';
import type { SyncedNote } from '#shared/wire/notes';
import type { ReadDb } from '#shared/node/open-database';
import { bulkUpsert } from '#shared/node/bulk-insert';
import type { NotesTable, ServerDb } from '../db/schema.ts';
import { inTransaction } from '../db/in-transaction.ts';
import { reserveSeqs } from './change-seq.repo.ts';
import { writtenIn, type ChangeRange } from './change-range.ts';
import { countRows, keptAfter } from './snapshot-rows.ts';
import { jsonObject } from './sql-json.ts';

/** What the conflict rule needs of a stored note; never its ciphertext, which may be megabytes. */
export interface NoteState {
  rev: number;
  writerClientId: string;
  deleted: boolean;
}

/** The state of each of these notes of the owner that the server holds (tombstones included), by id. */
export async function findNoteStates(
  db: ReadDb<ServerDb>,
  ownerId: string,
  ids: readonly string[],
): Promise<Map<string, NoteState>> {
  const states = new Map<string, NoteState>();
  const unique = [...new Set(ids)];
  for (let i = 0; i < unique.length; i += 10_000) {
    const rows = await db
      .selectFrom('notes')
      .select(['id', 'rev', 'writer_client_id', 'deleted'])
      .where('owner_id', '=', ownerId)
      .where('id', 'in', unique.slice(i, i + 10_000))
      .execute();
    for (const row of rows) {
      states.set(row.id, { rev: row.rev, writerClientId: row.writer_client_id, deleted: row.deleted === 1 });
    }
  }
  return states;
}

/** A note's new state, decided by the caller: its ciphertext, or null for a tombstone. */
export interface NoteWrite {
  id: string;
  rev: number;
  ciphertext: string | null;
  writerClientId: string;
}

/**
 * Writes an owner's notes in the caller's transaction or a new one: each gets one new seq, and all go in
 * as few multi-row upserts as the parameter limit allows. One write per note id.
 */
export async function writeNotes(
  db: Kysely<ServerDb>,
  ownerId: string,
  writes: readonly NoteWrite[],
  now: number,
): Promise<void> {
  if (writes.length === 0) return;
  await inTransaction(db, async (trx) => {
    const firstSeq = await reserveSeqs(trx, writes.length);
    const rows = writes.map((w, i): NotesTable => ({
      owner_id: ownerId,
      id: w.id,
      rev: w.rev,
      ciphertext: w.ciphertext,
      writer_client_id: w.writerClientId,
      deleted: w.ciphertext === null ? 1 : 0,
      seq: firstSeq + i,
      updated_at: now,
    }));
    await bulkUpsert(trx, 'notes', ['owner_id', 'id'], rows);
  });
}

/** The owner's live note, or undefined (none, or a tombstone). */
export async function findNote(
  db: ReadDb<ServerDb>,
  { ownerId, id }: { ownerId: string; id: string },
): Promise<SyncedNote | undefined> {
  const row = await db
    .selectFrom('notes')
    .select(['id', 'rev', 'ciphertext'])
    .where('owner_id', '=', ownerId)
    .where('id', '=', id)
    .where('deleted', '=', 0)
    .executeTakeFirst();
  return row?.ciphertext ? { id: row.id, rev: row.rev, ciphertext: row.ciphertext } : undefined;
}

/** A live notes row as SyncedNote JSON; keys match the SyncedNote schema. */
export const NOTE_JSON = jsonObject({ id: 'id', rev: 'rev', ciphertext: 'ciphertext' });

/**
 * How many bytes of ciphertext one bootstrap or pull page carries at most (always at least one note):
 * a page of 2,000 notes of the largest size would otherwise be gigabytes.
 */
export const NOTES_PAGE_BYTES = 16 * 1024 * 1024;

export interface NotesSnapshotRange {
  viewerId: string;
  /** Only rows whose last change is at or before this seq. */
  cursor: number;
  /** Only ids after this one (a resumed snapshot). */
  after?: string | undefined;
}

function ownNotes(db: ReadDb<ServerDb>, { viewerId, cursor, after }: NotesSnapshotRange) {
  return db
    .selectFrom('notes')
    .where('owner_id', '=', viewerId)
    .where('deleted', '=', 0)
    .where('seq', '<=', cursor)
    .$call(keptAfter(['id'], after));
}

/** How many of the viewer's own live notes the snapshot holds (after a note id, when resuming). */
export async function countNotesSnapshot(db: ReadDb<ServerDb>, range: NotesSnapshotRange): Promise<number> {
  return countRows(ownNotes(db, range));
}

/**
 * One keyset page of the viewer's own live notes as NDJSON lines (`{"type":"note","value":SyncedNote}`),
 * by id: at most `limit` rows and, past the first, at most `maxBytes` of ciphertext. `lastKey` is the id
 * to resume after; `full` says the page stopped at one of those bounds, so more rows may follow.
 */
export async function listNotesSnapshotLines(
  db: ReadDb<ServerDb>,
  range: NotesSnapshotRange & { limit: number; maxBytes?: number },
): Promise<{ lines: string[]; lastKey: string; full: boolean } | null> {
  const { limit, maxBytes = NOTES_PAGE_BYTES } = range;
  // Sizes first (octet_length reads no text), so the text is read only for the rows this page sends.
  const sizes = await ownNotes(db, range)
    .select(['id', sql<number>`octet_length(ciphertext)`.as('bytes')])
    .orderBy('id')
    .limit(limit)
    .execute();
  const fit = countWithinBudget(sizes, maxBytes);
  const last = sizes[fit - 1];
  if (!last) return null;
  const rows = await ownNotes(db, range)
    .where('id', '<=', last.id)
    .select(jsonObject({ type: sql.lit('note'), value: NOTE_JSON }).as('line'))
    .orderBy('id')
    .execute();
  return { lines: rows.map((r) => r.line), lastKey: last.id, full: fit === limit || fit < sizes.length };
}

/**
 * The seq up to which a pull page can carry the viewer's note changes within `maxBytes` of ciphertext
 * (at least one note), or `upTo` when all of them in (since, upTo] fit.
 */
export async function findNotesPullEnd(
  db: ReadDb<ServerDb>,
  viewerId: string,
  { since, upTo, limit, maxBytes = NOTES_PAGE_BYTES }: PullRange & { maxBytes?: number },
): Promise<number> {
  const sizes = await db
    .selectFrom('notes')
    .select(['seq', sql<number | null>`octet_length(ciphertext)`.as('bytes')])
    .where('owner_id', '=', viewerId)
    .$call(writtenIn({ since, upTo }))
    .orderBy('seq')
    .limit(limit)
    .execute();
  const fit = countWithinBudget(sizes, maxBytes);
  return fit < sizes.length ? (sizes[fit - 1]?.seq ?? upTo) : upTo;
}

interface PullRange extends ChangeRange {
  limit: number;
}

/** How many of these rows, from the first, fit in `maxBytes` together; at least one when there is one. */
function countWithinBudget(rows: readonly { bytes: number | null }[], maxBytes: number): number {
  let total = 0;
  for (let i = 0; i < rows.length; i++) {
    total += rows[i]?.bytes ?? 0;
    if (total > maxBytes) return Math.max(1, i);
  }
  return rows.length;
}
