import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import {
  NoteFields,
  NoteSearchQuery,
  type FollowUps,
  type Note,
  type SaveNoteInput,
} from '#shared/domain/note';
import { KithError } from '#shared/errors';
import type { LocalDb } from '../store/local-db.ts';
import { toLocalDay } from './local-day.ts';
import {
  deleteNote,
  findNote,
  insertNote,
  listNotesDueBy,
  listNotesForPerson,
  listNoteTags,
  searchNotes,
  updateNote,
} from './notes.repo.ts';

export interface NotesServiceOptions {
  db: Kysely<LocalDb>;
  /** The signed-in person's id, or null when nobody is signed in. */
  signedInPersonId: () => Promise<string | null>;
  /** A note was written or deleted: tell the UI. */
  onWritten: () => void;
  now?: () => number;
}

/** The owner-written part of a note, to tell whether an edit changes anything. */
const fieldsOf = ({ personId, body, tags, pinned, followUpAt }: NoteFields): NoteFields => ({
  personId,
  body,
  tags,
  pinned,
  followUpAt,
});

const sameFields = (a: NoteFields, b: NoteFields) =>
  JSON.stringify(fieldsOf(a)) === JSON.stringify(fieldsOf(b));

/**
 * Private notes about colleagues. They stay on this device (no outbox, no sync) until end-to-end
 * encryption is set up; sign-out refuses while any exist, so none is lost by accident.
 */
export function createNotesService({ db, signedInPersonId, onWritten, now = Date.now }: NotesServiceOptions) {
  async function requireSignedIn() {
    if (!(await signedInPersonId())) throw new KithError('unauthorized', 'Sign in to write notes');
  }

  return {
    listForPerson: (personId: string) => listNotesForPerson(db, personId),

    search: (query: NoteSearchQuery) => searchNotes(db, NoteSearchQuery.parse(query)),

    listTags: () => listNoteTags(db),

    async listFollowUps(): Promise<FollowUps> {
      const time = now();
      const today = toLocalDay(time);
      const due = await listNotesDueBy(db, toLocalDay(time, 7));
      const buckets: FollowUps = { overdue: [], today: [], thisWeek: [] };
      for (const item of due) {
        const day = item.note.followUpAt ?? today; // never null: listNotesDueBy skips notes without one
        (day < today ? buckets.overdue : day === today ? buckets.today : buckets.thisWeek).push(item);
      }
      return buckets;
    },

    async save(input: SaveNoteInput): Promise<Note> {
      await requireSignedIn();
      const { id, ...rest } = input;
      const fields = NoteFields.parse(rest);
      let changed = false;
      const saved = await db.transaction().execute(async (trx) => {
        const person = await trx
          .selectFrom('people')
          .select('id')
          .where('id', '=', fields.personId)
          .executeTakeFirst();
        if (!person)
          throw new KithError('not_found', `No colleague with id ${fields.personId} in the directory`);
        const at = now();
        if (id === undefined) {
          const newId = randomUUID();
          await insertNote(trx, { id: newId, fields, at });
          changed = true;
          return findNote(trx, newId);
        }
        const existing = await findNote(trx, id);
        if (!existing) throw new KithError('not_found', `No note with id ${id}`);
        if (sameFields(existing, fields)) return existing; // nothing to change
        await updateNote(trx, id, fields, Math.max(at, existing.updatedAt));
        changed = true;
        return findNote(trx, id);
      });
      if (!saved) throw new KithError('internal', 'The note was not saved');
      if (changed) onWritten();
      return saved;
    },

    /** Allowed signed out too: after the server ends a session, the notes left behind can still be removed. */
    async delete(id: string): Promise<{ deleted: boolean }> {
      const deleted = await deleteNote(db, id);
      if (deleted) onWritten();
      return { deleted };
    },
  };
}
export type NotesService = ReturnType<typeof createNotesService>;
