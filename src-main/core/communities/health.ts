import type { CommunityHealth, HealthMonth } from '#shared/domain/community';

/**
 * A community's health, as pure functions of plain arrays: the single definition of every figure. The repo
 * (health.repo.ts) reduces 50,000 posts to PostStats in SQL; summarizePosts reduces the same posts in JS
 * (tests, small inputs). Everything after PostStats is shared by both paths.
 *
 * Definitions (all times ms since epoch, UTC; posts created after `now` are ignored):
 * - a post counts in a window when created in (now − window, now]; posts include answers;
 * - activeMembers28d: distinct authors of the last 28 days who are active members now;
 * - postsPerWeek28d: posts of the last 28 days / 4;
 * - answeredShare90d: of the questions of the last 90 days, the share with ≥ 1 answer (null: none asked);
 * - medianHoursToFirstAnswer90d: over those answered, first answer − question, in hours; an even count
 *   takes the mean of the middle two (null: none answered);
 * - newMembers28d: active memberships whose joinedAt is in the window; members: active memberships now;
 * - reach: distinct non-empty departments and sites among the active members of the last 28 days;
 *   topDepartments: up to 5, by those members desc, then name;
 * - months: the last 12 calendar months (UTC), oldest first, the current one last and partial:
 *   activeMembers: distinct authors of the month (whoever posted was a member then, so people who left still
 *     count here; unlike the 28-day figure, which is about who is active now);
 *   postsPerWeek: posts / days × 7, days being the month's length, or for the current month the days begun
 *     so far (today included);
 *   questions, answeredShare, medianHoursToFirstAnswer: the questions asked that month, answered at any time
 *     up to now;
 *   newMembers: joinedAt in the month; members: active memberships with joinedAt ≤ the month's end (or now).
 *   The cache holds current memberships only, so people who have left are not counted in past months.
 */

export const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
export const ACTIVE_WINDOW_DAYS = 28;
export const ANSWER_WINDOW_DAYS = 90;
export const HEALTH_MONTHS = 12;
const TOP_DEPARTMENTS = 5;

export interface HealthPost {
  id: string;
  authorId: string;
  kind: string;
  parentId: string | null;
  createdAt: number;
}

export interface HealthMember {
  personId: string;
  joinedAt: number | null;
  status: string;
}

export interface HealthPerson {
  id: string;
  department: string;
  location: string;
}

/** What the figures need of the posts: small enough to come out of SQL aggregates. */
export interface PostStats {
  /** Months of the window with posts (answers included): their count and distinct authors. */
  months: { month: string; posts: number; authors: number }[];
  posts28d: number;
  /** Questions asked in the window (since the first month began), with their first answer's time. */
  questions: { createdAt: number; firstAnswerAt: number | null }[];
}

/** Everything the figures are computed from; the repo reads it with aggregates, healthFromPosts from arrays. */
export interface HealthFacts {
  communityId: string;
  now: number;
  stats: PostStats;
  /** When each active membership began (null: unknown; a member, never a new one). */
  joins: readonly (number | null)[];
  /** The active members who posted or answered in the last 28 days, once each. */
  activeAuthors28d: readonly Pick<HealthPerson, 'department' | 'location'>[];
}

/** YYYY-MM of an instant, in UTC. */
export const monthKey = (ms: number) => new Date(ms).toISOString().slice(0, 7);

/** The start of the month `offset` months from now's (0: the current month), UTC. */
export function monthStart(now: number, offset: number): number {
  const d = new Date(now);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + offset, 1);
}

/** When the 12-month window begins: the first instant of its oldest month. */
export const windowStart = (now: number) => monthStart(now, 1 - HEALTH_MONTHS);

/** The JS reduction of raw posts to PostStats (the repo does the same in SQL). */
export function summarizePosts(posts: readonly HealthPost[], now: number): PostStats {
  const from = windowStart(now);
  const since28d = now - ACTIVE_WINDOW_DAYS * DAY_MS;
  const months = new Map<string, { posts: number; authors: Set<string> }>();
  const firstAnswer = new Map<string, number>();
  let posts28d = 0;
  for (const p of posts) {
    if (p.createdAt > now) continue;
    if (p.kind === 'answer' && p.parentId !== null) {
      const first = firstAnswer.get(p.parentId);
      if (first === undefined || p.createdAt < first) firstAnswer.set(p.parentId, p.createdAt);
    }
    if (p.createdAt >= from) {
      const key = monthKey(p.createdAt);
      const month = months.get(key) ?? { posts: 0, authors: new Set<string>() };
      month.posts += 1;
      month.authors.add(p.authorId);
      months.set(key, month);
    }
    if (p.createdAt > since28d) posts28d += 1;
  }
  return {
    months: [...months].map(([month, m]) => ({ month, posts: m.posts, authors: m.authors.size })),
    posts28d,
    questions: posts
      .filter((p) => p.kind === 'question' && p.createdAt >= from && p.createdAt <= now)
      .map((p) => ({ createdAt: p.createdAt, firstAnswerAt: firstAnswer.get(p.id) ?? null })),
  };
}

/** The median of numbers (mean of the middle two for an even count); null when there are none. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const upper = sorted[mid] ?? 0;
  return sorted.length % 2 === 1 ? upper : ((sorted[mid - 1] ?? upper) + upper) / 2;
}

/** Share answered and median hours to a first answer, over some questions. */
function answering(questions: PostStats['questions']) {
  const hours = questions.flatMap((q) =>
    q.firstAnswerAt === null ? [] : [Math.max(0, q.firstAnswerAt - q.createdAt) / HOUR_MS],
  );
  return {
    answeredShare: questions.length === 0 ? null : hours.length / questions.length,
    medianHours: median(hours),
  };
}

function reachOf(activeAuthors: HealthFacts['activeAuthors28d']): CommunityHealth['reach'] {
  const departments = new Map<string, number>();
  const sites = new Set<string>();
  for (const { department, location } of activeAuthors) {
    if (department) departments.set(department, (departments.get(department) ?? 0) + 1);
    if (location) sites.add(location);
  }
  const topDepartments = [...departments]
    .map(([name, members]) => ({ name, members }))
    .sort((a, b) => b.members - a.members || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .slice(0, TOP_DEPARTMENTS);
  return { departments: departments.size, sites: sites.size, topDepartments };
}

export function computeHealth({
  communityId,
  now,
  stats,
  joins,
  activeAuthors28d,
}: HealthFacts): CommunityHealth {
  const since28d = now - ACTIVE_WINDOW_DAYS * DAY_MS;
  const since90d = now - ANSWER_WINDOW_DAYS * DAY_MS;
  const joined = joins.filter((t): t is number => t !== null);
  const byMonth = new Map(stats.months.map((m) => [m.month, m]));
  const recent = answering(stats.questions.filter((q) => q.createdAt > since90d && q.createdAt <= now));

  const months: HealthMonth[] = [];
  for (let i = 0; i < HEALTH_MONTHS; i++) {
    const start = monthStart(now, i + 1 - HEALTH_MONTHS);
    const current = i === HEALTH_MONTHS - 1;
    // Exclusive end; the current month ends now (inclusive), hence now + 1.
    const end = current ? now + 1 : monthStart(now, i + 2 - HEALTH_MONTHS);
    const days = current ? Math.floor((now - start) / DAY_MS) + 1 : (end - start) / DAY_MS;
    const month = monthKey(start);
    const posts = byMonth.get(month)?.posts ?? 0;
    const asked = stats.questions.filter((q) => q.createdAt >= start && q.createdAt < end);
    const { answeredShare, medianHours } = answering(asked);
    months.push({
      month,
      activeMembers: byMonth.get(month)?.authors ?? 0,
      posts,
      postsPerWeek: (posts / days) * 7,
      questions: asked.length,
      answeredShare,
      medianHoursToFirstAnswer: medianHours,
      newMembers: joined.filter((t) => t >= start && t < end).length,
      members: joined.filter((t) => t < end).length,
    });
  }

  return {
    communityId,
    asOf: now,
    activeMembers28d: activeAuthors28d.length,
    postsPerWeek28d: stats.posts28d / (ACTIVE_WINDOW_DAYS / 7),
    answeredShare90d: recent.answeredShare,
    medianHoursToFirstAnswer90d: recent.medianHours,
    newMembers28d: joined.filter((t) => t > since28d && t <= now).length,
    members: joins.length,
    reach: reachOf(activeAuthors28d),
    months,
  };
}

/** Health straight from raw arrays: the definition the SQL path must agree with. */
export function healthFromPosts({
  communityId,
  now,
  posts,
  members,
  people,
}: {
  communityId: string;
  now: number;
  posts: readonly HealthPost[];
  members: readonly HealthMember[];
  /** At least the active members of the last 28 days (for reach); others are ignored. */
  people: readonly HealthPerson[];
}): CommunityHealth {
  const active = members.filter((m) => m.status === 'active');
  const activeIds = new Set(active.map((m) => m.personId));
  const since28d = now - ACTIVE_WINDOW_DAYS * DAY_MS;
  const recentAuthors = new Set(
    posts.filter((p) => p.createdAt > since28d && p.createdAt <= now).map((p) => p.authorId),
  );
  const byId = new Map(people.map((p) => [p.id, p]));
  // A member unknown to the directory still counts as active, with no department or site.
  const activeAuthors28d = [...recentAuthors]
    .filter((id) => activeIds.has(id))
    .map((id) => byId.get(id) ?? { department: '', location: '' });
  return computeHealth({
    communityId,
    now,
    stats: summarizePosts(posts, now),
    joins: active.map((m) => m.joinedAt),
    activeAuthors28d,
  });
}
