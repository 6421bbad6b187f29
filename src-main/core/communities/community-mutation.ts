import {
  NEW_COMMUNITY_PREF,
  type Community,
  type CommunityPref,
  type Membership,
  type Post,
} from '#shared/domain/community';
import { joinOutcome } from '#shared/domain/community-rules';
import type { NewCommunityMutation } from '../sync/outbox.repo.ts';

/**
 * The rows of the community cache as one map keyed like outbox.entity_key, and the one pure function that
 * applies a community write to them: used for the optimistic write and to replay pending writes on top of
 * the server's version after a pull or a rejection, so both always agree.
 */

export type EntityRow =
  | { entity: 'community'; value: Community }
  | { entity: 'membership'; value: Membership }
  | { entity: 'post'; value: Post }
  | { entity: 'community_pref'; value: CommunityPref };
export type EntityName = EntityRow['entity'];

/** Rows by entity key; null: no such row. */
export type CommunityRows = Map<string, EntityRow | null>;

export const communityKey = (id: string) => `community:${id}`;
export const membershipKey = (communityId: string, personId: string) =>
  `membership:${communityId}/${personId}`;
export const postKey = (id: string) => `post:${id}`;
export const prefKey = (communityId: string) => `community_pref:${communityId}`;

export function keyOfRow(row: EntityRow): string {
  switch (row.entity) {
    case 'community':
      return communityKey(row.value.id);
    case 'membership':
      return membershipKey(row.value.communityId, row.value.personId);
    case 'post':
      return postKey(row.value.id);
    case 'community_pref':
      return prefKey(row.value.communityId);
  }
}

/** The entity a key names and the id after its prefix. */
export function parseKey(key: string): { entity: EntityName; id: string } {
  const colon = key.indexOf(':');
  const entity = key.slice(0, colon);
  if (entity !== 'community' && entity !== 'membership' && entity !== 'post' && entity !== 'community_pref')
    throw new Error(`Not a community entity key: ${key}`);
  return { entity, id: key.slice(colon + 1) };
}

/** The key a queued write is filed under (outbox.entity_key): the row it is about. */
export function primaryKeyOf(m: NewCommunityMutation, actorId: string): string {
  return keysWritten(m, actorId)[0];
}

/** Every row the write may change, the one it is about first. */
export function keysWritten(m: NewCommunityMutation, actorId: string): [string, ...string[]] {
  switch (m.type) {
    case 'community.propose':
      return [communityKey(m.communityId), membershipKey(m.communityId, actorId), prefKey(m.communityId)];
    case 'community.update':
    case 'community.archive':
      return [communityKey(m.communityId)];
    case 'membership.join':
      return [membershipKey(m.communityId, actorId), prefKey(m.communityId)];
    case 'membership.leave':
      return [membershipKey(m.communityId, actorId)];
    case 'membership.decide':
    case 'membership.setRole':
    case 'membership.remove':
      return [membershipKey(m.communityId, m.personId)];
    case 'post.create':
    case 'post.update':
    case 'post.delete':
      return [postKey(m.postId)];
    case 'post.accept':
      return [postKey(m.questionId)];
    case 'community_pref.put':
      return [prefKey(m.communityId)];
  }
}

/** Rows the write reads without changing them (a join needs the community's visibility). */
export function keysRead(m: NewCommunityMutation): string[] {
  return m.type === 'membership.join' ? [communityKey(m.communityId)] : [];
}

interface ValueOf {
  community: Community;
  membership: Membership;
  post: Post;
  community_pref: CommunityPref;
}

function get<E extends EntityName>(rows: CommunityRows, key: string, entity: E): ValueOf[E] | null {
  const row = rows.get(key);
  return row && row.entity === entity ? (row.value as ValueOf[E]) : null;
}

/** zod drops absent keys, but a patch built in code may carry `undefined`: it must not erase a field. */
function defined<T extends object>(patch: T): Partial<T> {
  return Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) as Partial<T>;
}

function follow(rows: CommunityRows, communityId: string, at: number) {
  const key = prefKey(communityId);
  const pref = get(rows, key, 'community_pref') ?? { ...NEW_COMMUNITY_PREF, communityId, updatedAt: at };
  rows.set(key, { entity: 'community_pref', value: { ...pref, followed: true, updatedAt: at } });
}

/**
 * The rows after `m`, written by `actorId` at `at` (a local time, replaced by the server's on the next pull).
 * What the rules decide is not checked here: the caller refused the write before queuing it, and a replay
 * only re-applies writes that were allowed. A write whose row is gone changes nothing.
 */
export function applyCommunityMutationLocally(
  rows: ReadonlyMap<string, EntityRow | null>,
  m: NewCommunityMutation,
  { actorId, at }: { actorId: string; at: number },
): CommunityRows {
  const next: CommunityRows = new Map(rows);
  switch (m.type) {
    case 'community.propose': {
      const community: Community = {
        id: m.communityId,
        ...m.fields,
        createdBy: actorId,
        createdAt: at,
        archived: false,
        managedByDirectory: false,
        updatedAt: at,
      };
      next.set(communityKey(m.communityId), { entity: 'community', value: community });
      const membership: Membership = {
        communityId: m.communityId,
        personId: actorId,
        role: 'leader',
        status: 'active',
        since: at,
        joinedAt: at,
      };
      next.set(membershipKey(m.communityId, actorId), { entity: 'membership', value: membership });
      follow(next, m.communityId, at);
      return next;
    }
    case 'community.update':
    case 'community.archive': {
      const key = communityKey(m.communityId);
      const community = get(next, key, 'community');
      if (!community) return next;
      const changed = m.type === 'community.update' ? defined(m.patch) : { archived: m.archived };
      next.set(key, { entity: 'community', value: { ...community, ...changed, updatedAt: at } });
      return next;
    }
    case 'membership.join': {
      const community = get(next, communityKey(m.communityId), 'community');
      if (!community) return next;
      const status = joinOutcome(community);
      const membership: Membership = {
        communityId: m.communityId,
        personId: actorId,
        role: 'member',
        status,
        since: at,
        joinedAt: status === 'active' ? at : null,
      };
      next.set(membershipKey(m.communityId, actorId), { entity: 'membership', value: membership });
      if (status === 'active') follow(next, m.communityId, at);
      return next;
    }
    case 'membership.leave':
      next.set(membershipKey(m.communityId, actorId), null);
      return next;
    case 'membership.decide': {
      const key = membershipKey(m.communityId, m.personId);
      const target = get(next, key, 'membership');
      if (!target) return next;
      next.set(
        key,
        m.approve ? { entity: 'membership', value: { ...target, status: 'active', joinedAt: at } } : null,
      );
      return next;
    }
    case 'membership.setRole': {
      const key = membershipKey(m.communityId, m.personId);
      const target = get(next, key, 'membership');
      const value: Membership = target
        ? { ...target, role: m.role, status: 'active', joinedAt: target.joinedAt ?? at }
        : {
            communityId: m.communityId,
            personId: m.personId,
            role: m.role,
            status: 'active',
            since: at,
            joinedAt: at,
          };
      next.set(key, { entity: 'membership', value });
      return next;
    }
    case 'membership.remove':
      next.set(membershipKey(m.communityId, m.personId), null);
      return next;
    case 'post.create': {
      const post: Post = {
        id: m.postId,
        communityId: m.communityId,
        authorId: actorId,
        kind: m.kind,
        parentId: m.parentId,
        title: m.title,
        body: m.body,
        event: m.event,
        acceptedAnswerId: null,
        createdAt: at,
        editedAt: null,
      };
      next.set(postKey(m.postId), { entity: 'post', value: post });
      return next;
    }
    case 'post.update': {
      const key = postKey(m.postId);
      const post = get(next, key, 'post');
      if (post) next.set(key, { entity: 'post', value: { ...post, ...defined(m.patch), editedAt: at } });
      return next;
    }
    case 'post.delete':
      next.set(postKey(m.postId), null);
      return next;
    case 'post.accept': {
      const key = postKey(m.questionId);
      const question = get(next, key, 'post');
      if (question) next.set(key, { entity: 'post', value: { ...question, acceptedAnswerId: m.answerId } });
      return next;
    }
    case 'community_pref.put': {
      const key = prefKey(m.communityId);
      const pref = get(next, key, 'community_pref') ?? {
        ...NEW_COMMUNITY_PREF,
        communityId: m.communityId,
        updatedAt: at,
      };
      next.set(key, { entity: 'community_pref', value: { ...pref, ...defined(m.patch), updatedAt: at } });
      return next;
    }
  }
}
