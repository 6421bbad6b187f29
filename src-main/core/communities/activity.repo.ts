import type { z } from 'zod';
import type { ActivityQuery, CommunityKind, HomeActivity } from '#shared/domain/community';
import type { ReadDb } from '#shared/node/open-database';
import type { LocalDb } from '../store/local-db.ts';
import { buildFeedItems } from './feed.repo.ts';
import { DAY_MS } from './health.ts';

const ACTIVITY_DAYS = 30;

/**
 * Home: posts (answers included) by others in the communities the viewer follows and has not muted, newest
 * first. The list covers the last 30 days, or with unreadOnly every unread post whatever its age. Unread
 * means created after the community's read marker and not by the viewer, the same rule as the feed and the
 * community cards, so the counts agree everywhere.
 */
/**
 * Unread posts per followed, unmuted community (created after its read marker, not by the viewer), most
 * first: Home's chips and the tray's menu.
 */
export async function listUnreadByCommunity(
  db: ReadDb<LocalDb>,
  viewerId: string,
): Promise<HomeActivity['unreadByCommunity']> {
  // From the few followed communities into posts_community_created, each from its read marker on.
  const rows = await db
    .selectFrom('community_prefs as cp')
    .innerJoin('communities as c', 'c.id', 'cp.community_id')
    .innerJoin('posts as p', (join) =>
      join.onRef('p.community_id', '=', 'cp.community_id').onRef('p.created_at', '>', 'cp.last_read_at'),
    )
    .where('cp.followed', '=', 1)
    .where('cp.muted', '=', 0)
    .where('p.author_id', '!=', viewerId)
    .select((eb) => ['cp.community_id', 'c.name', eb.fn.countAll<number>().as('n')])
    .groupBy('cp.community_id')
    .execute();
  return rows
    .map((u) => ({ communityId: u.community_id, name: u.name, unread: Number(u.n) }))
    .sort((a, b) => b.unread - a.unread || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

export async function listHomeActivity(
  db: ReadDb<LocalDb>,
  query: z.output<typeof ActivityQuery>,
  viewerId: string,
  now: number = Date.now(),
): Promise<HomeActivity> {
  const followed = await db
    .selectFrom('community_prefs as cp')
    .innerJoin('communities as c', 'c.id', 'cp.community_id')
    .where('cp.followed', '=', 1)
    .where('cp.muted', '=', 0)
    .select(['c.id', 'c.name', 'c.kind', 'cp.last_read_at'])
    .execute();
  if (followed.length === 0) return { items: [], unreadTotal: 0, unreadByCommunity: [] };
  const ids = followed.map((c) => c.id);
  const since = now - ACTIVITY_DAYS * DAY_MS;

  const [rows, unreadByCommunity] = await Promise.all([
    db
      .selectFrom('posts as p')
      .innerJoin('community_prefs as cp', 'cp.community_id', 'p.community_id')
      .where('p.community_id', 'in', ids)
      .where('p.author_id', '!=', viewerId)
      .where((eb) =>
        query.unreadOnly
          ? eb('p.created_at', '>', eb.ref('cp.last_read_at'))
          : eb('p.created_at', '>', since),
      )
      .selectAll('p')
      .orderBy('p.created_at', 'desc')
      .orderBy('p.id', 'desc')
      .limit(query.limit)
      .execute(),
    listUnreadByCommunity(db, viewerId),
  ]);

  const communities = new Map(followed.map((c) => [c.id, c]));
  const items = await buildFeedItems(db, rows, { personId: viewerId });
  return {
    // Every row comes from a followed community, so the lookup always finds it.
    items: items.flatMap((item) => {
      const c = communities.get(item.post.communityId);
      return c ? [{ item, community: { id: c.id, name: c.name, kind: c.kind as CommunityKind } }] : [];
    }),
    unreadTotal: unreadByCommunity.reduce((n, u) => n + u.unread, 0),
    unreadByCommunity,
  };
}
