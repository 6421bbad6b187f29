import type { Kysely } from 'kysely';
import { hasRole, NOT_FOUND } from '#shared/domain/community-rules';
import type { CommunitySnapshot } from '#shared/wire/sync';
import { KithError } from '#shared/errors';
import type { ServerDb } from '../db/schema.ts';
import { findCurrentSeq } from '../repos/change-seq.repo.ts';
import { listMemberships } from '../repos/memberships.repo.ts';
import { listPosts } from '../repos/posts.repo.ts';
import { findDatasetId } from '../repos/server-meta.repo.ts';
import { loadCommunity } from './community-state.ts';

/**
 * Everything of one community in the viewer's view, read in one transaction so it is whole at `cursor`
 * (the head): for a viewer who just gained a private community, whose older rows no pull brings. Someone
 * who only asked to join a private community gets the community and their own membership. Not visible →
 * not_found, the same answer as for a community that does not exist.
 */
export async function readCommunitySnapshot(
  db: Kysely<ServerDb>,
  viewerId: string,
  communityId: string,
): Promise<CommunitySnapshot> {
  return db.transaction().execute(async (trx) => {
    const { community, me } = await loadCommunity(trx, communityId, viewerId);
    if (!community || (community.visibility === 'private' && !me)) {
      throw new KithError('not_found', NOT_FOUND);
    }
    const [cursor, dataset] = await Promise.all([findCurrentSeq(trx), findDatasetId(trx)]);
    const readsAll = community.visibility !== 'private' || hasRole(me, 'member');
    const memberships = readsAll ? await listMemberships(trx, communityId) : me ? [me] : [];
    const posts = readsAll ? await listPosts(trx, communityId) : [];
    return { dataset, cursor, community, memberships, posts };
  });
}
