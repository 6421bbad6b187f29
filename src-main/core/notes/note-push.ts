import { randomUUID } from 'node:crypto';
import type { Transaction } from 'kysely';
import type { Note } from '#shared/domain/note';
import type { LocalDb } from '../store/local-db.ts';
import { findPersonName } from '../store/people.repo.ts';
import type { PushedWrite, PushHandler } from '../sync/push-handler.ts';
import type { NoteCipherContext } from './note-cipher.ts';
import { deleteNote, findNoteRecord, insertNote } from './notes.repo.ts';
import { listPendingNoteIds, queueNotePut, restoreNoteFromServer } from './synced-notes.repo.ts';

/**
 * Settles the note writes of one pushed batch, in the caller's transaction, once the acknowledged and
 * rejected rows have left the outbox:
 * - conflict (another device changed the note since this edit began): the local text becomes a conflict
 *   copy, a new note naming the original, queued as a new note; the original shows the server's version
 *   again. Every write still queued for the original goes: the copy carries the latest text, so several
 *   conflicting edits make one copy;
 * - rejected: rolled back to the server's version, unless later edits of the note are still queued; a
 *   refused edit's text stays on this device as a conflict copy that is not queued, so nothing written is lost.
 * Returns how many notes changed for the UI.
 */
async function settleNoteWrites(
  trx: Transaction<LocalDb>,
  cipher: NoteCipherContext | null,
  settled: readonly PushedWrite[],
  now: number,
): Promise<number> {
  const byNote = new Map<string, PushedWrite[]>();
  for (const write of settled) {
    if (write.row.note_id === null) continue;
    byNote.set(write.row.note_id, [...(byNote.get(write.row.note_id) ?? []), write]);
  }
  let changed = 0;
  for (const [noteId, writes] of byNote) {
    if (writes.some((w) => w.status === 'conflict')) {
      const copy = await copyLocalText(trx, noteId, now);
      if (cipher && copy) await queueNotePut(trx, cipher, copy, 0, now);
      await trx.deleteFrom('outbox').where('note_id', '=', noteId).execute();
      await restoreNoteFromServer(trx, cipher, noteId);
      changed++;
    } else if (writes.some((w) => w.status === 'rejected' && w.row.type === 'note.put')) {
      if ((await listPendingNoteIds(trx, [noteId])).has(noteId)) continue;
      // The edit is undone, but its text is kept on this device, unqueued: sending it again would be refused again.
      const copy = await copyLocalText(trx, noteId, now);
      const outcome = await restoreNoteFromServer(trx, cipher, noteId);
      if (copy && outcome === 'unchanged') {
        await deleteNote(trx, copy.id); // nothing was undone: no copy needed
        continue;
      }
      if (copy && outcome === 'deleted') {
        // The server never had the note: the copy is the note now, not a copy of anything.
        await trx.updateTable('notes').set({ conflict_of: null }).where('id', '=', copy.id).execute();
      }
      changed++;
    } else if (writes.some((w) => w.status === 'rejected')) {
      if ((await listPendingNoteIds(trx, [noteId])).has(noteId)) continue;
      const outcome = await restoreNoteFromServer(trx, cipher, noteId);
      if (outcome !== 'unchanged') changed++;
    }
  }
  return changed;
}

/** The note's local text as a new note naming it (a conflict copy); null when the note is gone here. */
async function copyLocalText(trx: Transaction<LocalDb>, noteId: string, now: number): Promise<Note | null> {
  const local = await findNoteRecord(trx, noteId);
  if (!local) return null;
  const { id: _id, createdAt: _c, updatedAt: _u, conflictOf: _o, ...fields } = local.note;
  const copy = { id: randomUUID(), fields, at: now, conflictOf: noteId };
  await insertNote(trx, copy);
  return (await findNoteRecord(trx, copy.id))?.note ?? null;
}

/** A note write is settled, conflicts and refusals alike, once the batch's other writes have left the outbox. */
export const notePush: PushHandler = {
  async describe(db, row) {
    const name = await findPersonName(db, row.person_id);
    return row.type === 'note.delete' ? `Deleting a note about ${name}` : `Note about ${name}`;
  },
  settle: (trx, pushed, { cipher, now }) => settleNoteWrites(trx, cipher, pushed, now),
};
