import type { ExpressionBuilder } from 'kysely';
import type { CommunityRole, CommunitySummary, MembershipStatus } from '#shared/domain/community';
import type { ReadDb } from '#shared/node/open-database';
import type { CommunitiesTable, LocalDb } from '../store/local-db.ts';
import { communityKey, membershipKey, prefKey } from './community-mutation.ts';
import { fromCommunityColumns } from '#shared/node/community-columns';
import { DAY_MS } from './health.ts';

const RECENT_DAYS = 28;
/** Communities per statement: each brings three outbox keys, well under SQLite's parameter limit. */
const IDS_PER_STATEMENT = 300;

/** For a query over `communities as c`: how many active members each has (memberships_community_status). */
export function countActiveMembers(eb: ExpressionBuilder<LocalDb & { c: CommunitiesTable }, 'c'>) {
  return eb
    .selectFrom('memberships as m')
    .whereRef('m.community_id', '=', 'c.id')
    .where('m.status', '=', 'active')
    .select((s) => s.fn.countAll<number>().as('n'));
}

/**
 * One statement per chunk of communities; each aspect is a correlated subquery that seeks the index on its
 * own community (posts_community_created, memberships_community_status), so a community with 50,000 posts
 * costs a few index range counts, not a scan of its posts.
 */
function selectSummaryRows(db: ReadDb<LocalDb>, ids: readonly string[], viewerId: string, now: number) {
  const since = now - RECENT_DAYS * DAY_MS;
  return db
    .selectFrom('communities as c')
    .leftJoin('community_prefs as cp', 'cp.community_id', 'c.id')
    .leftJoin('memberships as me', (join) =>
      join.onRef('me.community_id', '=', 'c.id').on('me.person_id', '=', viewerId),
    )
    .where('c.id', 'in', ids)
    .selectAll('c')
    .select((eb) => [
      'cp.followed',
      'cp.muted',
      'me.role as my_role',
      'me.status as my_status',
      countActiveMembers(eb).as('member_count'),
      eb
        .selectFrom('posts as p')
        .whereRef('p.community_id', '=', 'c.id')
        .where('p.created_at', '>', since)
        .select((s) => s.fn.countAll<number>().as('n'))
        .as('recent_posts'),
      eb
        .selectFrom('posts as p')
        .whereRef('p.community_id', '=', 'c.id')
        .select((s) => s.fn.max<number>('p.created_at').as('t'))
        .as('last_activity_at'),
      // Unread = posts after the marker minus the viewer's own among them: the first count reads only the
      // index, the second seeks posts_author, so neither reads every post's row.
      eb
        .selectFrom('posts as p')
        .whereRef('p.community_id', '=', 'c.id')
        .where((w) => w('p.created_at', '>', w.fn.coalesce('cp.last_read_at', w.lit(0))))
        .select((s) => s.fn.countAll<number>().as('n'))
        .as('after_marker'),
      eb
        .selectFrom('posts as p')
        .whereRef('p.community_id', '=', 'c.id')
        .where('p.author_id', '=', viewerId)
        .where((w) => w('p.created_at', '>', w.fn.coalesce('cp.last_read_at', w.lit(0))))
        .select((s) => s.fn.countAll<number>().as('n'))
        .as('own_after_marker'),
    ])
    .execute();
}

/**
 * Community cards for these ids, in the order given (unknown ids are skipped). `unread` counts posts
 * (answers included) after the viewer's read marker not written by the viewer; `pending` is a queued write of
 * the viewer's to the community, their membership or their preferences.
 */
export async function listCommunitySummaries(
  db: ReadDb<LocalDb>,
  communityIds: readonly string[],
  viewerId: string,
  now: number = Date.now(),
): Promise<CommunitySummary[]> {
  const byId = new Map<string, CommunitySummary>();
  const unique = [...new Set(communityIds)];
  for (let i = 0; i < unique.length; i += IDS_PER_STATEMENT) {
    const ids = unique.slice(i, i + IDS_PER_STATEMENT);
    const keyOf = new Map<string, string>();
    for (const id of ids) {
      keyOf.set(communityKey(id), id);
      keyOf.set(membershipKey(id, viewerId), id);
      keyOf.set(prefKey(id), id);
    }
    const [rows, queued] = await Promise.all([
      selectSummaryRows(db, ids, viewerId, now),
      db
        .selectFrom('outbox')
        .where('entity_key', 'in', [...keyOf.keys()])
        .select('entity_key')
        .execute(),
    ]);
    const pending = new Set(queued.map((q) => (q.entity_key === null ? undefined : keyOf.get(q.entity_key))));
    for (const r of rows) {
      byId.set(r.id, {
        community: fromCommunityColumns(r),
        memberCount: Number(r.member_count ?? 0),
        recentPosts: Number(r.recent_posts ?? 0),
        lastActivityAt: r.last_activity_at ?? null,
        unread: Math.max(0, Number(r.after_marker ?? 0) - Number(r.own_after_marker ?? 0)),
        me: {
          role: (r.my_role as CommunityRole | null) ?? null,
          status: (r.my_status as MembershipStatus | null) ?? null,
          followed: r.followed === 1,
          muted: r.muted === 1,
        },
        pending: pending.has(r.id),
      });
    }
  }
  return communityIds.flatMap((id) => {
    const summary = byId.get(id);
    return summary ? [summary] : [];
  });
}
