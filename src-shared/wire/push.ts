import { z } from 'zod';
import {
  CommunityFields,
  CommunityId,
  CommunityPrefFields,
  CommunityRole,
  PostFields,
  PostId,
  PostKind,
} from '../domain/community.ts';
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

/**
 * Community writes. Each is checked by the rules in domain/community-rules.ts against the server's state
 * when it is applied; a refusal is `rejected` with the rule's reason. Ids of new communities and posts are
 * chosen by the client (uuids); times are the server's.
 */
const COMMUNITY_MUTATIONS = [
  /** The proposer becomes its first leader. */
  z.strictObject({
    type: z.literal('community.propose'),
    mutationId: MutationId,
    communityId: CommunityId,
    fields: CommunityFields.strict(),
  }),
  z.strictObject({
    type: z.literal('community.update'),
    mutationId: MutationId,
    communityId: CommunityId,
    patch: CommunityFields.partial().strict(),
  }),
  z.strictObject({
    type: z.literal('community.archive'),
    mutationId: MutationId,
    communityId: CommunityId,
    archived: z.boolean(),
  }),
  /** Open: a member at once; request: a request a leader decides. Joining also follows. */
  z.strictObject({ type: z.literal('membership.join'), mutationId: MutationId, communityId: CommunityId }),
  /** Leaves, or withdraws a request. */
  z.strictObject({ type: z.literal('membership.leave'), mutationId: MutationId, communityId: CommunityId }),
  z.strictObject({
    type: z.literal('membership.decide'),
    mutationId: MutationId,
    communityId: CommunityId,
    personId: Person.shape.id,
    approve: z.boolean(),
  }),
  /** Adds the person (active at once) or changes their role. */
  z.strictObject({
    type: z.literal('membership.setRole'),
    mutationId: MutationId,
    communityId: CommunityId,
    personId: Person.shape.id,
    role: CommunityRole,
  }),
  z.strictObject({
    type: z.literal('membership.remove'),
    mutationId: MutationId,
    communityId: CommunityId,
    personId: Person.shape.id,
  }),
  z.strictObject({
    type: z.literal('post.create'),
    mutationId: MutationId,
    postId: PostId,
    communityId: CommunityId,
    kind: PostKind,
    parentId: PostId.nullable(),
    ...PostFields.shape,
  }),
  z.strictObject({
    type: z.literal('post.update'),
    mutationId: MutationId,
    postId: PostId,
    patch: PostFields.partial().strict(),
  }),
  z.strictObject({ type: z.literal('post.delete'), mutationId: MutationId, postId: PostId }),
  /** answerId null: no accepted answer any more. */
  z.strictObject({
    type: z.literal('post.accept'),
    mutationId: MutationId,
    questionId: PostId,
    answerId: PostId.nullable(),
  }),
  /** The user's own follow / mute / read marker for a community; only the fields given change. */
  z.strictObject({
    type: z.literal('community_pref.put'),
    mutationId: MutationId,
    communityId: CommunityId,
    patch: CommunityPrefFields.partial().strict(),
  }),
] as const;

/** The type names of community mutations. */
export type CommunityMutation = Extract<
  Mutation,
  { type: `community${string}` | `membership.${string}` | `post.${string}` }
>;

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
  ...COMMUNITY_MUTATIONS,
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
