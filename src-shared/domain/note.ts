import { z } from 'zod';
import { Connection, IsoDay } from './connection.ts';
import { Person, PersonSummary } from './person.ts';

/** A note's markdown may be long, but not unbounded: 1 MB of text. */
export const NOTE_BODY_MAX = 1_000_000;

export const NoteTag = z
  .string()
  .trim()
  .min(1)
  .max(40)
  .regex(/^[\p{L}\p{N}][\p{L}\p{N} _-]*$/u, 'A tag is letters, digits, spaces, _ or -');

export const INTERACTION_TYPES = ['meeting', 'call', 'message', 'coffee', 'event', 'other'] as const;

/** A note can log an interaction: what it was and on which day. It shows in the person's timeline by that day. */
export const Interaction = z.strictObject({
  type: z.enum(INTERACTION_TYPES),
  on: IsoDay,
});
export type Interaction = z.infer<typeof Interaction>;

/** What the owner writes; the rest of a note is bookkeeping. */
export const NoteFields = z.object({
  personId: Person.shape.id,
  /** Markdown; rendered without raw HTML. */
  body: z.string().max(NOTE_BODY_MAX, 'A note can hold at most 1 MB of text'),
  tags: z
    .array(NoteTag)
    .max(20)
    .refine(
      (tags) => new Set(tags.map((t) => t.toLowerCase())).size === tags.length,
      'Each tag may appear once',
    ),
  pinned: z.boolean(),
  /** A follow-up is due on this day. */
  followUpAt: IsoDay.nullable(),
  /** Set when the note logs an interaction (a meeting, a call…); null for a plain note. */
  interaction: Interaction.nullable().default(null),
});
export type NoteFields = z.infer<typeof NoteFields>;

/**
 * A private note about a colleague. Notes stay on this device until the owner sets up a passphrase; from
 * then on they sync end-to-end encrypted: nobody else, the server included, can read them.
 */
export const Note = NoteFields.extend({
  id: z.uuid(),
  createdAt: z.number().int().min(0),
  updatedAt: z.number().int().min(0),
  /**
   * A conflict copy: the same note was edited on two devices while offline, and this is the text the
   * other edit would have overwritten. It names the note it is a copy of until the owner merges or keeps both.
   */
  conflictOf: z.uuid().nullable(),
});
export type Note = z.infer<typeof Note>;

/** What is encrypted and synced for a note: everything but its id, which the server needs to address it. */
export const NotePayload = Note.omit({ id: true }).strict();
export type NotePayload = z.infer<typeof NotePayload>;

/**
 * Where this device stands with end-to-end encryption of notes:
 * - device_only: no passphrase set up on any device (as far as this one knows): notes stay here, unsynced;
 * - locked: a passphrase was set up on another device; typing it here unlocks the synced notes;
 * - ready: the notes key is in this device's keychain; notes sync.
 */
export const NotesEncryption = z.object({
  state: z.enum(['device_only', 'locked', 'ready']),
  /** Notes synced from other devices that wait for the passphrase to be read. */
  lockedNotes: z.number().int().min(0),
  /** Notes whose ciphertext failed authentication (altered on the way or on the server): not shown, kept as they came. */
  unreadableNotes: z.number().int().min(0),
  /** Local notes not yet on the server. */
  unsyncedNotes: z.number().int().min(0),
  /**
   * Present (true) when this device has the notes key but the server holds no wrapped copy (its data was
   * restored or rebuilt): notes still sync, but a new device cannot unlock them until the passphrase is set
   * up again here (setUpEncryption stores this device's key, wrapped by it).
   */
  keyMissingOnServer: z.literal(true).optional(),
});
export type NotesEncryption = z.infer<typeof NotesEncryption>;

export const PASSPHRASE_MIN = 10;
export const Passphrase = z
  .string()
  .min(PASSPHRASE_MIN, `A passphrase needs at least ${PASSPHRASE_MIN} characters`)
  .max(1024);
export const PassphraseInput = z.strictObject({ passphrase: Passphrase });
export type PassphraseInput = z.infer<typeof PassphraseInput>;

/** A passphrase change: the one that unwraps the notes key now, and the one to wrap it with from now on. */
export const ChangePassphraseInput = z
  .strictObject({ current: Passphrase, next: Passphrase })
  .refine((input) => input.next !== input.current, {
    message: 'The new passphrase is the same as the current one',
    path: ['next'],
  });
export type ChangePassphraseInput = z.infer<typeof ChangePassphraseInput>;

export const SaveNoteInput = NoteFields.extend({
  /** Absent: a new note. */
  id: z.uuid().optional(),
}).strict();
export type SaveNoteInput = z.input<typeof SaveNoteInput>;

export const NoteSearchQuery = z.strictObject({
  /** Every word a prefix, over the body and tags; empty lists every note, newest first. */
  text: z.string().max(200).default(''),
  tag: NoteTag.optional(),
  limit: z.number().int().min(1).max(200).default(100),
});
export type NoteSearchQuery = z.input<typeof NoteSearchQuery>;

export const NoteWithPerson = z.object({ note: Note, person: PersonSummary });
export type NoteWithPerson = z.infer<typeof NoteWithPerson>;

/** How much of a note's body a follow-up carries, in characters: enough for its first line. */
export const NOTE_EXCERPT_MAX = 300;

/**
 * A note as a list shows it: everything but the body (up to a megabyte), of which only the first
 * NOTE_EXCERPT_MAX characters (twice as many UTF-16 units at most).
 */
export const NoteExcerpt = Note.omit({ body: true }).extend({
  excerpt: z.string().max(NOTE_EXCERPT_MAX * 2),
});
export type NoteExcerpt = z.infer<typeof NoteExcerpt>;

/**
 * One thing to follow up: a note's follow-up date, or a connection whose keep-in-touch cadence has run out
 * since the last interaction (due on that day plus the cadence).
 */
export const FollowUpItem = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('note'), note: NoteExcerpt, person: PersonSummary }),
  z.object({
    kind: z.literal('keep_in_touch'),
    connection: Connection,
    person: PersonSummary,
    dueOn: IsoDay,
  }),
]);
export type FollowUpItem = z.infer<typeof FollowUpItem>;

/** The most items one follow-ups bucket lists; its total says how many are due in all. */
export const FOLLOW_UPS_PER_BUCKET_MAX = 200;

const FollowUpBucket = z.array(FollowUpItem).max(FOLLOW_UPS_PER_BUCKET_MAX);
const FollowUpCount = z.number().int().min(0);

/**
 * Follow-ups due, by when: overdue (before today), today, and the next 7 days; soonest first in each, the
 * first FOLLOW_UPS_PER_BUCKET_MAX of each listed, `totals` counting them all.
 */
export const FollowUps = z.object({
  overdue: FollowUpBucket,
  today: FollowUpBucket,
  thisWeek: FollowUpBucket,
  totals: z.object({ overdue: FollowUpCount, today: FollowUpCount, thisWeek: FollowUpCount }),
});
export type FollowUps = z.infer<typeof FollowUps>;
