import { randomUUID } from 'node:crypto';
import type { LocalDb } from '#core/store/local-db';
import type { Community, CommunityFields, Post } from '#shared/domain/community';
import type { Mutation } from '#shared/wire/push';

// Communities, memberships and posts with plausible defaults: pass what the test cares about.

/** A community as the domain (the contract, the wire) carries it. */
export function makeCommunity(overrides: Partial<Community> & Pick<Community, 'id'>): Community {
  return {
    name: 'Kubernetes Guild',
    kind: 'community_of_practice',
    purpose: 'Containers',
    objectives: [],
    visibility: 'open',
    createdBy: 'p-lead',
    createdAt: 100,
    archived: false,
    managedByDirectory: false,
    updatedAt: 100,
    ...overrides,
  };
}

/** A top-level post as the domain carries it. */
export function makePost(overrides: Partial<Post> & Pick<Post, 'id' | 'communityId' | 'authorId'>): Post {
  return {
    kind: 'post',
    parentId: null,
    title: null,
    body: 'Body',
    event: null,
    acceptedAnswerId: null,
    createdAt: 100,
    editedAt: null,
    ...overrides,
  };
}

// Rows of the core's local cache, as its tables store them (JSON as text, booleans as 0 / 1).

type CommunityRow = LocalDb['communities'];
type MembershipRow = LocalDb['memberships'];
type PostRow = LocalDb['posts'];
type PrefRow = LocalDb['community_prefs'];
type OutboxRow = LocalDb['outbox'];

export function communityRow(
  overrides: Partial<CommunityRow> & Pick<CommunityRow, 'id' | 'name'>,
): CommunityRow {
  return {
    kind: 'community_of_practice',
    purpose: 'Meet and share',
    objectives: '[]',
    visibility: 'open',
    created_by: 'ann',
    created_at: 0,
    archived: 0,
    managed_by_directory: 0,
    updated_at: 0,
    seq: 1,
    ...overrides,
  };
}

/** A membership since 0; an active one joined then, a requested one has not joined. */
export function membershipRow(
  communityId: string,
  personId: string,
  role = 'member',
  status = 'active',
): MembershipRow {
  return {
    community_id: communityId,
    person_id: personId,
    role,
    status,
    since: 0,
    joined_at: status === 'active' ? 0 : null,
    seq: 1,
  };
}

export function postRow(
  overrides: Partial<PostRow> & Pick<PostRow, 'id' | 'community_id' | 'author_id' | 'created_at'>,
): PostRow {
  return {
    kind: 'post',
    parent_id: null,
    title: null,
    body: overrides.id,
    event_starts_at: null,
    event_place: null,
    accepted_answer_id: null,
    edited_at: null,
    seq: 1,
    ...overrides,
  };
}

/** The signed-in user's follow / mute / read marker for a community. */
export function prefRow(
  communityId: string,
  { followed, muted, lastReadAt }: { followed: 0 | 1; muted: 0 | 1; lastReadAt: number },
): PrefRow {
  return { community_id: communityId, followed, muted, last_read_at: lastReadAt, updated_at: 0, seq: 1 };
}

/** A queued community write to the row `entityKey` ('post:<id>', 'membership:<c>/<person>', …). */
export function queuedCommunityWrite(mutationId: number, entityKey: string, createdAt = 0): OutboxRow {
  return {
    mutation_id: mutationId,
    type: 'community',
    person_id: '',
    note_id: null,
    entity_key: entityKey,
    payload: '{}',
    created_at: createdAt,
  };
}

// Community mutations as a client pushes them.

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
/** A mutation without its id: the Pusher numbers them. */
export type MutationInput = DistributiveOmit<Mutation, 'mutationId'>;

export const newId = () => randomUUID();

export function fields(overrides: Partial<CommunityFields> = {}): CommunityFields {
  return {
    name: 'Kubernetes Lyon',
    kind: 'community_of_practice',
    purpose: 'Share what works when running Kubernetes',
    objectives: ['Monthly meetup'],
    visibility: 'open',
    ...overrides,
  };
}

export const propose = (communityId: string, overrides: Partial<CommunityFields> = {}): MutationInput => ({
  type: 'community.propose',
  communityId,
  fields: fields(overrides),
});

/** A post.create with sensible fields for its kind; override any. */
export function createPost(
  communityId: string,
  kind: Extract<MutationInput, { type: 'post.create' }>['kind'],
  overrides: Partial<Extract<MutationInput, { type: 'post.create' }>> = {},
): MutationInput {
  const titled = kind === 'question' || kind === 'event' || kind === 'job_opening';
  return {
    type: 'post.create',
    postId: newId(),
    communityId,
    kind,
    parentId: null,
    title: titled ? `A ${kind}` : null,
    body: `Some ${kind} text`,
    event: kind === 'event' ? { startsAt: 1_900_000_000_000, place: 'Lyon, room 4' } : null,
    ...overrides,
  };
}
