import { sql } from 'kysely';
import type { ReadDb } from '#shared/node/open-database';
import type { ServerDb } from '../db/schema.ts';
import type { ChangeRange } from './change-range.ts';
import { selectChanges } from './change-feed.ts';
import {
  COMMUNITY_JSON,
  COMMUNITY_PREF_JSON,
  MEMBERSHIP_JSON,
  POST_JSON,
  readsCommunity,
  seesCommunity,
} from './community-sql.ts';

/**
 * The community parts of a viewer's pull, one query each, all selecting (seq, tie, change) for the UNION in
 * changes.repo.ts. Visibility is judged on the current state:
 * - a community: upserted while the viewer sees it; deleted to a non-member when it turned private after
 *   `since` (unshared_seq), so a community that was always private leaves no trace;
 * - the viewer's own membership of a private community also carries, at its seq, the community itself: an
 *   upsert when they gain it (the row's own seq may be older than their cursor), a delete when they lose it
 *   (left, removed, declined). Those two changes share a seq; `tie` puts the community first, and the pull
 *   page never ends between them;
 * - memberships and posts: while the viewer may read the community (not private, or an active member);
 *   the viewer's own membership always; tombstones as deletes;
 * - community preferences: the owner's only.
 * A client that gains a private community fetches its older posts and members once through
 * GET /v1/communities/:id/snapshot.
 */
export function communityChangeQueries(db: ReadDb<ServerDb>, viewerId: string, range: ChangeRange) {
  const { since } = range;
  const communities = db
    .selectFrom('communities')
    .$call(
      selectChanges(range, {
        entity: 'community',
        value: COMMUNITY_JSON,
        deleteKeys: { id: 'id' },
        upsertWhen: seesCommunity(viewerId),
      }),
    )
    .where((eb) => eb.or([seesCommunity(viewerId), eb('unshared_seq', '>', since)]));
  const gainedOrLost = db
    .selectFrom('memberships')
    .innerJoin('communities', 'communities.id', 'memberships.community_id')
    .where('memberships.person_id', '=', viewerId)
    .where('communities.visibility', '=', 'private')
    .$call(
      selectChanges(range, {
        entity: 'community',
        value: COMMUNITY_JSON,
        deleteKeys: { id: 'communities.id' },
        upsertWhen: sql`memberships.deleted = 0`,
        seq: 'memberships.seq',
        tie: 0,
      }),
    );
  const memberships = db
    .selectFrom('memberships')
    .$call(
      selectChanges(range, {
        entity: 'membership',
        value: MEMBERSHIP_JSON,
        deleteKeys: { communityId: 'community_id', personId: 'person_id' },
      }),
    )
    .where((eb) =>
      eb.or([eb('person_id', '=', viewerId), readsCommunity(viewerId, 'memberships.community_id')]),
    );
  const posts = db
    .selectFrom('posts')
    .$call(selectChanges(range, { entity: 'post', value: POST_JSON, deleteKeys: { id: 'id' } }))
    .where(readsCommunity(viewerId, 'posts.community_id'));
  const prefs = db
    .selectFrom('community_prefs')
    .where('owner_id', '=', viewerId)
    .$call(selectChanges(range, { entity: 'community_pref', value: COMMUNITY_PREF_JSON }));
  return [communities, gainedOrLost, memberships, posts, prefs] as const;
}
