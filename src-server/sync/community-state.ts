import type { Kysely } from 'kysely';
import type { Community, Membership } from '#shared/domain/community';
import type { ServerDb } from '../db/schema.ts';
import { fromCommunityColumns } from '#shared/node/community-columns';
import { findCommunityRow } from '../repos/communities.repo.ts';
import { findMembership } from '../repos/memberships.repo.ts';

/** Who pushes, in which transaction, and the server's time for what they write. */
export interface MutationContext {
  trx: Kysely<ServerDb>;
  actorId: string;
  now: number;
}

/** A community as the rules see it (null: no such community), and the person's live membership in it. */
export async function loadCommunity(
  trx: Kysely<ServerDb>,
  communityId: string,
  personId: string,
): Promise<{ community: Community | null; me: Membership | null }> {
  const row = await findCommunityRow(trx, communityId);
  if (!row) return { community: null, me: null };
  const me = (await findMembership(trx, { communityId, personId })) ?? null;
  return { community: fromCommunityColumns(row), me };
}
