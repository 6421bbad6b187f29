import { randomUUID } from 'node:crypto';
import type { Transaction } from 'kysely';
import { NoteSearchQuery, SaveNoteInput, type Note, type NoteFields } from '#shared/domain/note';
import { KithError } from '#shared/errors';
import type { ContractHandlers } from '#shared/ipc/contract';
import type { ReadDb } from '#shared/node/open-database';
import type { LocalWriterOptions } from '../core-types.ts';
import { findConnection, recomputeConnections } from '../network/connections.repo.ts';
import { appendToOutbox, type NewNoteMutation } from '../sync/outbox.repo.ts';
import type { LocalDb } from '../store/local-db.ts';
import { runPrepared, type PreparedWrite } from '../store/prepared-write.ts';
import type { NoteCipherContext } from './note-cipher.ts';
import type { NotesEncryptionService } from './notes-encryption.ts';
import {
  deleteNote,
  findNoteRecord,
  insertNote,
  listNotesForPerson,
  listNoteTags,
  searchNotes,
  setNoteConflictOf,
  updateNote,
} from './notes.repo.ts';
import { listPendingNoteIds, queueNotePut } from './synced-notes.repo.ts';

interface NotesWritten {
  /** A note mutation was queued: push soon. */
  queued: boolean;
  /** Logging an interaction moved a connection's last interaction forward (queued too). */
  connections: boolean;
}

/** Each write emits 'notes.changed' (and 'network.changed' when it moved a connection forward). */
export interface NotesServiceOptions extends LocalWriterOptions {
  /** The notes key of this cache's account when this device has it: notes sync; null: they stay here. */
  cipher?: () => Promise<NoteCipherContext | null>;
}

/** The owner-written part of a note, to tell whether an edit changes anything. */
const fieldsOf = ({ personId, body, tags, pinned, followUpAt, interaction }: NoteFields): NoteFields => ({
  personId,
  body,
  tags,
  pinned,
  followUpAt,
  interaction,
});

const sameFields = (a: NoteFields, b: NoteFields) =>
  JSON.stringify(fieldsOf(a)) === JSON.stringify(fieldsOf(b));

/**
 * A note the server has (rev > 0) or may have (a write of it still queued) can only be changed here with the
 * notes key: a change nothing queues would be overwritten by the server's version when notes are unlocked.
 */
async function refuseWithoutKey(
  db: ReadDb<LocalDb>,
  { note, rev }: { note: Note; rev: number },
  key: NoteCipherContext | null,
  doing: string,
) {
  if (key) return;
  if (rev > 0 || (await listPendingNoteIds(db, [note.id])).has(note.id)) {
    throw new KithError(
      'unavailable',
      `This note is synced, and this device does not have the notes key right now: unlock notes with ` +
        `your passphrase first, then try ${doing} again. Nothing was changed.`,
    );
  }
}

/**
 * Private notes about colleagues. Each write goes into the notes table and, once end-to-end encryption is
 * set up on this device, an outbox row with the note encrypted, in one transaction. Until then notes stay
 * on this device (no outbox); sign-out refuses while any exist, so none is lost by accident.
 */
export function createNotesService({
  db,
  signedInPersonId,
  cipher = async () => null,
  emit,
  syncSoon,
  now = Date.now,
}: NotesServiceOptions) {
  /** Notes were written or deleted: tell the UI, and push what was queued. */
  function onWritten({ queued, connections }: NotesWritten) {
    emit('notes.changed', {});
    if (connections) emit('network.changed', {});
    if (queued || connections) syncSoon();
  }

  async function requireSignedIn() {
    if (!(await signedInPersonId())) throw new KithError('unauthorized', 'Sign in to write notes');
  }

  /**
   * Validates one input against the database: the fields, the colleague, and the note when editing (a
   * synced one only with the notes key).
   */
  async function validate(input: SaveNoteInput, key: NoteCipherContext | null) {
    const parsed = SaveNoteInput.safeParse(input);
    if (!parsed.success) {
      const issues = parsed.error.issues.map((i) =>
        i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message,
      );
      throw new KithError('invalid_input', issues.join('; '));
    }
    const { id, ...fields } = parsed.data;
    const person = await db
      .selectFrom('people')
      .select('id')
      .where('id', '=', fields.personId)
      .executeTakeFirst();
    if (!person) throw new KithError('not_found', `No colleague with id ${fields.personId} in the directory`);
    if (id !== undefined) {
      const existing = await findNoteRecord(db, id);
      if (!existing) throw new KithError('not_found', `No note with id ${id}`);
      if (!sameFields(existing.note, fields)) await refuseWithoutKey(db, existing, key, 'editing it');
    }
    return { id, fields };
  }

  /**
   * Logging an interaction moves the connection's last interaction forward (never back), through the
   * network outbox like any connection edit; without a connection nothing is created.
   */
  async function touchConnection(trx: Transaction<LocalDb>, note: Note, at: number) {
    const day = note.interaction?.on;
    if (!day) return false;
    const connection = await findConnection(trx, note.personId);
    if (!connection || (connection.lastInteractionAt !== null && connection.lastInteractionAt >= day))
      return false;
    const patch = { lastInteractionAt: day };
    await appendToOutbox(trx, { mutation: { type: 'connection.put', personId: note.personId, patch } }, at);
    await recomputeConnections(trx, [note.personId]);
    return true;
  }

  /** Writes one validated note in the caller's transaction; null when the edit changes nothing. */
  async function write(
    trx: Transaction<LocalDb>,
    key: NoteCipherContext | null,
    { id, fields }: { id: string | undefined; fields: NoteFields },
    written: NotesWritten,
  ): Promise<{ note: Note; changed: boolean }> {
    const at = now();
    let rev = 0;
    let noteId = id;
    if (noteId === undefined) {
      noteId = randomUUID();
      await insertNote(trx, { id: noteId, fields, at });
    } else {
      const existing = await findNoteRecord(trx, noteId);
      if (!existing) throw new KithError('not_found', `No note with id ${noteId}`);
      if (sameFields(existing.note, fields)) return { note: existing.note, changed: false }; // nothing to queue
      await refuseWithoutKey(trx, existing, key, 'editing it');
      rev = existing.rev;
      await updateNote(trx, noteId, fields, Math.max(at, existing.note.updatedAt));
    }
    const saved = (await findNoteRecord(trx, noteId))?.note;
    if (!saved) throw new KithError('internal', 'The note was not saved');
    if (key) {
      await queueNotePut(trx, key, saved, rev, at);
      written.queued = true;
    }
    if (await touchConnection(trx, saved, at)) written.connections = true;
    return { note: saved, changed: true };
  }

  /** Validates every input first (nothing written yet), then gives the writes to run in one transaction. */
  async function prepareSaveMany(inputs: readonly SaveNoteInput[]): Promise<PreparedWrite<Note[]>> {
    await requireSignedIn();
    const key = await cipher();
    const valid: { id: string | undefined; fields: NoteFields }[] = [];
    for (const input of inputs) valid.push(await validate(input, key)); // all checked before anything is written
    const written: NotesWritten = { queued: false, connections: false };
    let changed = false;
    return {
      async write(trx) {
        const out: Note[] = [];
        for (const item of valid) {
          const result = await write(trx, key, item, written);
          if (result.changed) changed = true;
          out.push(result.note);
        }
        return out;
      },
      notify() {
        if (changed) onWritten(written);
      },
    };
  }

  const saveAll = async (inputs: readonly SaveNoteInput[]) => runPrepared(db, await prepareSaveMany(inputs));

  return {
    listForPerson: (personId: string) => listNotesForPerson(db, personId),

    search: (query: NoteSearchQuery) => searchNotes(db, NoteSearchQuery.parse(query)),

    listTags: () => listNoteTags(db),

    async save(input: SaveNoteInput): Promise<Note> {
      const [saved] = await saveAll([input]);
      if (!saved) throw new KithError('internal', 'The note was not saved');
      return saved;
    },

    /** Validates every input first, then writes them all in one transaction (an import): all or nothing. */
    saveMany: (inputs: SaveNoteInput[]): Promise<Note[]> => saveAll(inputs),

    /** saveMany for a caller that runs the writes in its own transaction with others (an import). */
    prepareSaveMany,

    /**
     * Allowed signed out too: after the server ends a session, the notes left behind can still be removed.
     * With the notes key every delete is queued: the server may have the note though this device has not
     * heard yet (a put acknowledged, no pull since), and it answers `applied` for one it never had. Without
     * the key a synced note stays (refuseWithoutKey).
     */
    async delete(id: string): Promise<{ deleted: boolean }> {
      const key = await cipher();
      let queued = false;
      const deleted = await db.transaction().execute(async (trx) => {
        const existing = await findNoteRecord(trx, id);
        if (!existing) return false;
        await refuseWithoutKey(trx, existing, key, 'deleting it');
        if (!(await deleteNote(trx, id))) return false;
        if (key) {
          const mutation: NewNoteMutation = { type: 'note.delete', noteId: id, baseRev: existing.rev };
          await appendToOutbox(trx, { mutation, personId: existing.note.personId }, now());
          queued = true;
        }
        return true;
      });
      if (deleted) onWritten({ queued, connections: false });
      return { deleted };
    },

    /** A conflict copy becomes a note of its own: it no longer names the note it was copied from. */
    async dismissConflict(id: string): Promise<Note> {
      await requireSignedIn();
      const key = await cipher();
      let queued = false;
      let changed = false;
      const note = await db.transaction().execute(async (trx) => {
        const existing = await findNoteRecord(trx, id);
        if (!existing) throw new KithError('not_found', `No note with id ${id}`);
        if (existing.note.conflictOf === null) return existing.note;
        await refuseWithoutKey(trx, existing, key, 'keeping it as a note of its own');
        changed = true;
        await setNoteConflictOf(trx, id, null, Math.max(now(), existing.note.updatedAt));
        const saved = (await findNoteRecord(trx, id))?.note;
        if (!saved) throw new KithError('internal', 'The note was not saved');
        if (key) {
          await queueNotePut(trx, key, saved, existing.rev, now());
          queued = true;
        }
        return saved;
      });
      if (changed) onWritten({ queued, connections: false });
      return note;
    },
  };
}
export type NotesService = ReturnType<typeof createNotesService>;

export const notesHandlers = (
  notes: NotesService,
  encryption: NotesEncryptionService,
): ContractHandlers['notes'] => ({
  listForPerson: ({ personId }) => notes.listForPerson(personId),
  search: async (query) => ({ items: await notes.search(query) }),
  save: (input) => notes.save(input),
  delete: ({ id }) => notes.delete(id),
  listTags: () => notes.listTags(),
  dismissConflict: ({ id }) => notes.dismissConflict(id),
  getEncryption: () => encryption.getEncryption(),
  setUpEncryption: ({ passphrase }) => encryption.setUpEncryption(passphrase),
  unlock: ({ passphrase }) => encryption.unlock(passphrase),
  changePassphrase: (input) => encryption.changePassphrase(input),
});
