import { sql } from 'kysely';
import type { CommunityHealth } from '#shared/domain/community';
import type { ReadDb } from '#shared/node/open-database';
import type { LocalDb } from '../store/local-db.ts';
import {
  ACTIVE_WINDOW_DAYS,
  computeHealth,
  DAY_MS,
  HEALTH_MONTHS,
  monthKey,
  monthStart,
  type HealthFacts,
  type PostStats,
} from './health.ts';

/** Joins ids in group_concat: a person id may hold a comma, not this control character. */
const UNIT_SEPARATOR = '\x1f';

/**
 * Reads what computeHealth needs with aggregates: loading a big community's 50,000 posts into JS costs more
 * than the whole 100 ms goal (node sqlite3 spends microseconds per row). What stays costly is visiting each
 * post of the 12 months once, so one statement does it: a `union all` of one range per month over
 * posts_community_created (no sort), each giving its post count, its authors and its questions with their
 * first answer (posts_parent) as group_concat strings: one row per month instead of one per post. The definitions live in health.ts.
 */
async function loadPostStats(db: ReadDb<LocalDb>, communityId: string, now: number): Promise<PostStats> {
  const arm = (i: number) => {
    const offset = i + 1 - HEALTH_MONTHS;
    // The current month ends now, inclusive; the others at the next month's start, exclusive.
    const end = i === HEALTH_MONTHS - 1 ? now + 1 : monthStart(now, offset + 1);
    return db
      .selectFrom('posts as q')
      .where('q.community_id', '=', communityId)
      .where('q.created_at', '>=', monthStart(now, offset))
      .where('q.created_at', '<', end)
      .select((eb) => {
        const firstAnswer = eb
          .selectFrom('posts as a')
          .whereRef('a.parent_id', '=', 'q.id')
          .where('a.kind', '=', 'answer')
          .where('a.created_at', '<=', now)
          .select((s) => s.fn.min<number>('a.created_at').as('first'));
        return [
          sql<number>`${i}`.as('month'),
          eb.fn.countAll<number>().as('posts'),
          // Every author once per post; JS makes them distinct faster than count(distinct) does.
          sql<string | null>`group_concat(q.author_id, char(31))`.as('authors'),
          // "createdAt,firstAnswerAt;…", firstAnswerAt empty when unanswered.
          sql<string | null>`group_concat(case when q.kind = 'question'
            then q.created_at || ',' || coalesce((${firstAnswer}), '') end, ';')`.as('questions'),
        ];
      });
  };
  let months = arm(0);
  for (let i = 1; i < HEALTH_MONTHS; i++) months = months.unionAll(arm(i));
  const [rows, recent] = await Promise.all([
    months.execute(),
    db
      .selectFrom('posts')
      .where('community_id', '=', communityId)
      .where('created_at', '>', now - ACTIVE_WINDOW_DAYS * DAY_MS)
      .where('created_at', '<=', now)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirst(),
  ]);
  return {
    months: rows.map((r) => ({
      month: monthKey(monthStart(now, Number(r.month) + 1 - HEALTH_MONTHS)),
      posts: Number(r.posts),
      authors: r.authors === null ? 0 : new Set(r.authors.split(UNIT_SEPARATOR)).size,
    })),
    posts28d: Number(recent?.n ?? 0),
    questions: rows.flatMap((r) =>
      (r.questions ?? '')
        .split(';')
        .filter((q) => q !== '')
        .map((q) => {
          const [createdAt = '', firstAnswerAt = ''] = q.split(',');
          return {
            createdAt: Number(createdAt),
            firstAnswerAt: firstAnswerAt === '' ? null : Number(firstAnswerAt),
          };
        }),
    ),
  };
}

/** Active members' join times, and those of them who posted or answered in the last 28 days. */
async function loadMembers(db: ReadDb<LocalDb>, communityId: string, now: number) {
  const active = db
    .selectFrom('memberships as m')
    .where('m.community_id', '=', communityId)
    .where('m.status', '=', 'active');
  const [joins, authors] = await Promise.all([
    active
      .select((eb) => [
        eb.fn.countAll<number>().as('n'),
        // One string rather than 5,000 rows: node sqlite3 pays per row.
        sql<string | null>`group_concat(coalesce(m.joined_at, ''))`.as('joined'),
      ])
      .executeTakeFirst(),
    active
      .leftJoin('people as p', 'p.id', 'm.person_id')
      .where('m.person_id', 'in', (eb) =>
        eb
          .selectFrom('posts')
          .where('community_id', '=', communityId)
          .where('created_at', '>', now - ACTIVE_WINDOW_DAYS * DAY_MS)
          .where('created_at', '<=', now)
          .select('author_id'),
      )
      .select(['p.department', 'p.location'])
      .execute(),
  ]);
  const joined = (joins?.joined ?? '').split(',').filter((_, i) => i < Number(joins?.n ?? 0));
  return {
    joins: joined.map((t) => (t === '' ? null : Number(t))),
    // A member unknown to the directory still counts as active, with no department or site.
    activeAuthors28d: authors.map((a) => ({ department: a.department ?? '', location: a.location ?? '' })),
  } satisfies Pick<HealthFacts, 'joins' | 'activeAuthors28d'>;
}

/** A community's health as of `now`, from the local cache. */
export async function computeCommunityHealth(
  db: ReadDb<LocalDb>,
  communityId: string,
  now: number,
): Promise<CommunityHealth> {
  const [stats, members] = await Promise.all([
    loadPostStats(db, communityId, now),
    loadMembers(db, communityId, now),
  ]);
  return computeHealth({ communityId, now, stats, ...members });
}
