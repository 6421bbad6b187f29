import { z } from 'zod';
import { Community, CommunityPref, Membership, Post } from '../domain/community.ts';
import { Connection, SharedConnection } from '../domain/connection.ts';
import { Person } from '../domain/person.ts';
import { NoteId, SyncedNote } from './notes.ts';
import { queryInt } from './query-int.ts';

/** A position in the server's change sequence. 0 = before everything. */
export const Cursor = z.number().int().min(0);

/**
 * The snapshot streams its sections in this order, each ordered by its key: people by id, the user's own
 * connections by person id, others' shared connections by owner id, then person id (resume key
 * `${ownerId}/${personId}`), the user's own notes (ciphertext) by note id, then the communities the user may
 * see by id, their memberships by `${communityId}/${personId}`, their posts by id, and the user's own
 * community preferences by community id. Private communities, their memberships and posts are in a user's
 * view only while they are a member (or have asked to join: the community and their own membership only).
 */
export const BOOTSTRAP_SECTIONS = [
  'people',
  'connections',
  'shared_connections',
  'notes',
  'communities',
  'memberships',
  'posts',
  'community_prefs',
] as const;
export const BootstrapSection = z.enum(BOOTSTRAP_SECTIONS);
export type BootstrapSection = z.infer<typeof BootstrapSection>;

/**
 * Query of GET /v1/sync/bootstrap: a fresh snapshot, or the rest of one that was cut off: the same
 * cursor, the section it was in (default people) and the key of the last row applied there.
 */
export const BootstrapQuery = z.strictObject({
  cursor: queryInt().optional(),
  section: BootstrapSection.optional(),
  after: z.string().min(1).max(130).optional(),
});
export type BootstrapQuery = z.infer<typeof BootstrapQuery>;

/** Which change history a cursor belongs to; a new one (a rebuilt database) means bootstrap again. */
export const DatasetId = z.string().min(1).max(64);

/** One NDJSON line of the bootstrap stream: begin, then the rows ordered by id, then end. */
export const BootstrapLine = z.discriminatedUnion('type', [
  z.object({ type: z.literal('begin'), dataset: DatasetId, cursor: Cursor, total: z.number().int().min(0) }),
  z.object({ type: z.literal('person'), value: Person }),
  z.object({ type: z.literal('connection'), value: Connection }),
  z.object({ type: z.literal('shared_connection'), value: SharedConnection }),
  z.object({ type: z.literal('note'), value: SyncedNote }),
  z.object({ type: z.literal('community'), value: Community }),
  z.object({ type: z.literal('membership'), value: Membership }),
  z.object({ type: z.literal('post'), value: Post }),
  z.object({ type: z.literal('community_pref'), value: CommunityPref }),
  z.object({ type: z.literal('end'), cursor: Cursor, count: z.number().int().min(0) }),
]);
export type BootstrapLine = z.infer<typeof BootstrapLine>;

export const PULL_LIMIT_MAX = 5000;

export const PullQuery = z.strictObject({
  since: queryInt(),
  limit: queryInt({ min: 1, max: PULL_LIMIT_MAX }).default(1000),
});
export type PullQuery = z.infer<typeof PullQuery>;

const PersonId = Person.shape.id;

export const Change = z.union([
  z.object({ entity: z.literal('person'), op: z.literal('upsert'), seq: Cursor, value: Person }),
  z.object({ entity: z.literal('person'), op: z.literal('delete'), seq: Cursor, id: PersonId }),
  /** The user's own connections: the whole record. */
  z.object({ entity: z.literal('connection'), op: z.literal('upsert'), seq: Cursor, value: Connection }),
  z.object({ entity: z.literal('connection'), op: z.literal('delete'), seq: Cursor, personId: PersonId }),
  /** Others' shared connections; a delete also when one turns private. */
  z.object({
    entity: z.literal('shared_connection'),
    op: z.literal('upsert'),
    seq: Cursor,
    value: SharedConnection,
  }),
  z.object({
    entity: z.literal('shared_connection'),
    op: z.literal('delete'),
    seq: Cursor,
    ownerId: PersonId,
    personId: PersonId,
  }),
  /** The user's own notes, as ciphertext. */
  z.object({ entity: z.literal('note'), op: z.literal('upsert'), seq: Cursor, value: SyncedNote }),
  z.object({ entity: z.literal('note'), op: z.literal('delete'), seq: Cursor, id: NoteId }),
  /** A delete: the community left the user's view (a private one they no longer belong to). */
  z.object({ entity: z.literal('community'), op: z.literal('upsert'), seq: Cursor, value: Community }),
  z.object({ entity: z.literal('community'), op: z.literal('delete'), seq: Cursor, id: Community.shape.id }),
  /** A delete: the person left, was removed or declined. */
  z.object({ entity: z.literal('membership'), op: z.literal('upsert'), seq: Cursor, value: Membership }),
  z.object({
    entity: z.literal('membership'),
    op: z.literal('delete'),
    seq: Cursor,
    communityId: Community.shape.id,
    personId: PersonId,
  }),
  z.object({ entity: z.literal('post'), op: z.literal('upsert'), seq: Cursor, value: Post }),
  z.object({ entity: z.literal('post'), op: z.literal('delete'), seq: Cursor, id: Post.shape.id }),
  /** The user's own community preferences (follow, mute, read marker). */
  z.object({
    entity: z.literal('community_pref'),
    op: z.literal('upsert'),
    seq: Cursor,
    value: CommunityPref,
  }),
]);
export type Change = z.infer<typeof Change>;

export const PullPage = z.object({
  dataset: DatasetId,
  changes: z.array(Change),
  /** Where the next pull starts; valid once every change of this page is applied. */
  cursor: Cursor,
  hasMore: z.boolean(),
});
export type PullPage = z.infer<typeof PullPage>;

/**
 * GET /v1/communities/:id/snapshot: everything of one community in the viewer's view at `cursor`. A member
 * added to a private community fetches it once: the pulls that follow bring only what changes later.
 */
export const CommunitySnapshot = z.object({
  dataset: DatasetId,
  cursor: Cursor,
  community: Community,
  memberships: z.array(Membership),
  posts: z.array(Post),
});
export type CommunitySnapshot = z.infer<typeof CommunitySnapshot>;
