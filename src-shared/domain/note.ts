import { z } from 'zod';
import { IsoDay } from './connection.ts';
import { Person, PersonSummary } from './person.ts';

/** A note's markdown may be long, but not unbounded: 1 MB of text. */
export const NOTE_BODY_MAX = 1_000_000;

export const NoteTag = z
  .string()
  .trim()
  .min(1)
  .max(40)
  .regex(/^[\p{L}\p{N}][\p{L}\p{N} _-]*$/u, 'A tag is letters, digits, spaces, _ or -');

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
});
export type NoteFields = z.infer<typeof NoteFields>;

/**
 * A private note about a colleague. Notes stay on this device until end-to-end encryption is set up
 * (a later step): nobody else, the server included, can read them.
 */
export const Note = NoteFields.extend({
  id: z.uuid(),
  createdAt: z.number().int().min(0),
  updatedAt: z.number().int().min(0),
});
export type Note = z.infer<typeof Note>;

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

/** Follow-ups due, by when: overdue (before today), today, and the next 7 days. */
export const FollowUps = z.object({
  overdue: z.array(NoteWithPerson),
  today: z.array(NoteWithPerson),
  thisWeek: z.array(NoteWithPerson),
});
export type FollowUps = z.infer<typeof FollowUps>;
