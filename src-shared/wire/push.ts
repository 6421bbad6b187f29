import { z } from 'zod';
import { ConnectionFields } from '../domain/connection.ts';
import { Person } from '../domain/person.ts';
import { NoteCiphertext, NoteId, NoteRevision } from './notes.ts';

/** One installation of the app; with a mutation id it names a local write once and for all. */
export const ClientId = z
  .string()
  .regex(/^[A-Za-z0-9_-]{8,64}$/, 'A client id is 8–64 letters, digits, _ or -');
/** Increases by one with every local write of a client. */
export const MutationId = z.number().int().min(1);

export const PUSH_BATCH_MAX = 500;

/**
 * The largest push body the server accepts. 500 connection edits fit even at worst (each with a
 * 2,000-character howMet that JSON escapes to \uXXXX: about 6.2 MB), and so does one note of the largest
 * ciphertext; the client fills a batch up to this size, so big notes travel a few at a time.
 */
export const PUSH_BODY_MAX_BYTES = 16 * 1024 * 1024;

/** A local write, as the client queued it. */
export const Mutation = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('connection.put'),
    mutationId: MutationId,
    personId: Person.shape.id,
    /** Only the fields this write changed: other fields keep what other devices wrote. */
    patch: ConnectionFields.partial().strict(),
  }),
  z.strictObject({ type: z.literal('connection.delete'), mutationId: MutationId, personId: Person.shape.id }),
  /**
   * A note, encrypted whole on the client. baseRev: the server revision this edit started from (0: a
   * new note). The server applies it when that is still the current revision, or when the current one
   * was written by this same client (its own earlier, queued edit); otherwise the result is `conflict`
   * and the client keeps its text as a conflict copy.
   */
  z.strictObject({
    type: z.literal('note.put'),
    mutationId: MutationId,
    noteId: NoteId,
    baseRev: NoteRevision,
    ciphertext: NoteCiphertext,
  }),
  /** Deleting a note that another device edited since baseRev is a `conflict`: the edit is kept. */
  z.strictObject({
    type: z.literal('note.delete'),
    mutationId: MutationId,
    noteId: NoteId,
    baseRev: NoteRevision,
  }),
]);
export type Mutation = z.infer<typeof Mutation>;

/** POST /v1/sync/push: mutations in mutation-id order. */
export const PushRequest = z.strictObject({
  clientId: ClientId,
  mutations: z.array(Mutation).min(1).max(PUSH_BATCH_MAX),
});
export type PushRequest = z.infer<typeof PushRequest>;

export const MutationResult = z.object({
  mutationId: MutationId,
  /**
   * applied: now; duplicate: applied by an earlier push (a retry); rejected: never, see reason;
   * conflict: (notes) another device changed the note since this edit began, so this one was not
   * applied: the client keeps its text as a conflict copy. Every status settles the mutation for good; a
   * retry of a rejected or conflicting one (its answer was lost) gets that same status and reason again.
   */
  status: z.enum(['applied', 'duplicate', 'rejected', 'conflict']),
  reason: z.string().optional(),
});
export type MutationResult = z.infer<typeof MutationResult>;

export const PushResponse = z.object({ results: z.array(MutationResult) });
export type PushResponse = z.infer<typeof PushResponse>;
