import type { Kysely } from 'kysely';
import type { Community, Membership } from '#shared/domain/community';
import {
  canSee,
  joinOutcome,
  NOT_FOUND,
  refuseDecide,
  refuseJoin,
  refuseLeave,
  refuseRemove,
  refuseSetRole,
  refuseUpdate,
} from '#shared/domain/community-rules';
import type { CommunityMutation, Mutation, MutationResult } from '#shared/wire/push';
import type { ServerDb } from '../db/schema.ts';
import { findCommunityRow, writeCommunity } from '../repos/communities.repo.ts';
import { patchCommunityPref } from '../repos/community-prefs.repo.ts';
import {
  countActiveLeaders,
  deleteMembership,
  findMembership,
  writeMembership,
} from '../repos/memberships.repo.ts';
import { findLivePersonIds } from '../repos/people.repo.ts';
import { loadCommunity, type MutationContext } from './community-state.ts';
import { applyPostMutation, isPostMutation } from './post-mutations.ts';

export const isCommunityMutation = (m: Mutation): m is CommunityMutation =>
  m.type.startsWith('community') || m.type.startsWith('membership.') || m.type.startsWith('post.');

export const COMMUNITY_EXISTS = 'A community with this id already exists';

/**
 * Applies an owner's community mutations in the caller's transaction, one at a time in order, each decided
 * by domain/community-rules.ts against the state the earlier ones left (propose, then post in it, works in
 * one batch). A refusal is `rejected` with the rule's words and writes nothing.
 */
export async function applyCommunityMutations(
  trx: Kysely<ServerDb>,
  actorId: string,
  mutations: readonly CommunityMutation[],
  now: number,
): Promise<MutationResult[]> {
  const ctx: MutationContext = { trx, actorId, now };
  const results: MutationResult[] = [];
  for (const mutation of mutations) {
    const reason = isPostMutation(mutation)
      ? await applyPostMutation(ctx, mutation)
      : await applyOne(ctx, mutation);
    const { mutationId } = mutation;
    results.push(
      reason === null ? { mutationId, status: 'applied' } : { mutationId, status: 'rejected', reason },
    );
  }
  return results;
}

type NonPostMutation = Exclude<CommunityMutation, { type: `post.${string}` }>;

/** Applies one mutation; returns the reason of a refusal, or null once applied. */
async function applyOne(ctx: MutationContext, m: NonPostMutation): Promise<string | null> {
  const { trx, actorId, now } = ctx;
  if (m.type === 'community.propose') return propose(ctx, m);
  const { community, me } = await loadCommunity(trx, m.communityId, actorId);
  switch (m.type) {
    case 'community.update':
    case 'community.archive': {
      const refusal = refuseUpdate(community, me);
      if (refusal || !community) return refusal ?? NOT_FOUND;
      const changed = m.type === 'community.update' ? definedFields(m.patch) : { archived: m.archived };
      await writeCommunity(trx, { ...community, ...changed, updatedAt: now });
      return null;
    }
    case 'membership.join': {
      const refusal = refuseJoin(community, me);
      if (refusal || !community) return refusal ?? NOT_FOUND;
      const status = joinOutcome(community);
      const joinedAt = status === 'active' ? now : null;
      await writeMembership(trx, { ...key(m, actorId), role: 'member', status, since: now, joinedAt });
      if (status === 'active') await follow(ctx, m.communityId, actorId);
      return null;
    }
    case 'membership.leave': {
      const refusal = refuseLeave(community, me, await countActiveLeaders(trx, m.communityId));
      if (refusal) return refusal;
      await deleteMembership(trx, key(m, actorId));
      return null;
    }
    case 'membership.decide': {
      const target = await findMembership(trx, key(m, m.personId));
      const refusal = refuseDecide(community, me, target ?? null);
      if (refusal || !target) return refusal ?? NOT_FOUND;
      if (!m.approve) {
        await deleteMembership(trx, key(m, m.personId));
        return null;
      }
      await writeMembership(trx, { ...target, status: 'active', joinedAt: now });
      await follow(ctx, m.communityId, m.personId);
      return null;
    }
    case 'membership.setRole': {
      const target = await findMembership(trx, key(m, m.personId));
      const leaders = await countActiveLeaders(trx, m.communityId);
      const refusal = refuseSetRole(community, me, target ?? null, m.role, leaders);
      if (refusal) return refusal;
      if (!(await findLivePersonIds(trx, [m.personId])).has(m.personId)) {
        return `No colleague with id ${m.personId}`;
      }
      await writeMembership(trx, setRole(target, key(m, m.personId), m.role, now));
      return null;
    }
    case 'membership.remove': {
      const target = await findMembership(trx, key(m, m.personId));
      const leaders = await countActiveLeaders(trx, m.communityId);
      const refusal = refuseRemove(community, me, target ?? null, leaders);
      if (refusal) return refusal;
      await deleteMembership(trx, key(m, m.personId));
      return null;
    }
    case 'community_pref.put': {
      if (!community || !canSee(community, me)) return NOT_FOUND;
      await patchCommunityPref(trx, { ownerId: actorId, communityId: m.communityId }, m.patch, now);
      return null;
    }
  }
}

async function propose(
  ctx: MutationContext,
  m: Extract<CommunityMutation, { type: 'community.propose' }>,
): Promise<string | null> {
  const { trx, actorId, now } = ctx;
  if (await findCommunityRow(trx, m.communityId)) return COMMUNITY_EXISTS;
  const community: Community = {
    id: m.communityId,
    ...m.fields,
    createdBy: actorId,
    createdAt: now,
    archived: false,
    managedByDirectory: false,
    updatedAt: now,
  };
  await writeCommunity(trx, community);
  await writeMembership(trx, {
    ...key(m, actorId),
    role: 'leader',
    status: 'active',
    since: now,
    joinedAt: now,
  });
  await follow(ctx, m.communityId, actorId);
  return null;
}

/** Joining (or being let in) follows the community: its activity reaches the person's Home. */
const follow = (ctx: MutationContext, communityId: string, ownerId: string) =>
  patchCommunityPref(ctx.trx, { ownerId, communityId }, { followed: true }, ctx.now);

const key = (m: { communityId: string }, personId: string) => ({ communityId: m.communityId, personId });

/** A leader adds someone (active at once) or changes their role; a pending request becomes active too. */
function setRole(
  target: Membership | undefined,
  { communityId, personId }: { communityId: string; personId: string },
  role: Membership['role'],
  now: number,
): Membership {
  if (!target) return { communityId, personId, role, status: 'active', since: now, joinedAt: now };
  return { ...target, role, status: 'active', joinedAt: target.joinedAt ?? now };
}

/** zod drops absent keys, but a patch built in code may carry `undefined`: it must not erase a field. */
function definedFields<T extends object>(patch: T): Partial<T> {
  return Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) as Partial<T>;
}
