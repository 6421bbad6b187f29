import type { CommunityKind, PostKind } from '#shared/domain/community';
import type { Person } from '#shared/domain/person';
import type { Activity, CommunityPlan, DemoPostRow, PlannedMember } from './community-plan.ts';
import { DEPARTMENTS } from './org-data.ts';
import { MEETING_ROOMS, ONLINE_PLACE, TEMPLATES, type PostTemplate } from './post-templates.ts';
import type { Rng } from './prng.ts';
import { countAtMost, DAY, drawDelay, drawPoisson, drawUuid, HOUR, MINUTE, WEEK } from './sampling.ts';

/** A community's months of posts, questions and answers, shaped by how its life went. */

export interface ActivityContext {
  rng: Rng;
  now: number;
  peopleById: ReadonlyMap<string, Person>;
  /** Multiplies every rate: below 1 for a huge org, so seeding stays quick. */
  scale: number;
}

/** Top-level posts a week in a community of 10 members at its usual pace. */
const WEEKLY_POSTS: Record<CommunityKind, number> = {
  community_of_practice: 0.9,
  microcommunity: 0.7,
  interest_group: 0.6,
  change_network: 0.8,
  team: 1.6,
};

const POST_MIX: Record<CommunityKind, readonly (readonly [PostKind, number])[]> = {
  community_of_practice: [
    ['question', 30],
    ['post', 22],
    ['best_practice', 16],
    ['event', 9],
    ['announcement', 7],
    ['job_opening', 6],
  ],
  microcommunity: [
    ['post', 35],
    ['question', 20],
    ['event', 20],
    ['announcement', 12],
    ['best_practice', 8],
  ],
  interest_group: [
    ['post', 35],
    ['event', 32],
    ['question', 15],
    ['announcement', 10],
    ['best_practice', 5],
  ],
  change_network: [
    ['question', 30],
    ['announcement', 22],
    ['post', 20],
    ['best_practice', 15],
    ['event', 10],
  ],
  team: [
    ['post', 40],
    ['question', 22],
    ['announcement', 18],
    ['event', 10],
    ['job_opening', 10],
  ],
};

/** How questions fare: the share answered, the median wait for a first answer, extra answers, acceptance. */
interface AnswerHabit {
  share: number;
  medianHours: number;
  extra: number;
  accepted: number;
}
const ANSWERS: Record<Activity, AnswerHabit> = {
  thriving: { share: 0.93, medianHours: 1.2, extra: 1, accepted: 0.6 },
  steady: { share: 0.78, medianHours: 6, extra: 0.6, accepted: 0.45 },
  declining: { share: 0.55, medianHours: 30, extra: 0.4, accepted: 0.35 },
  dormant: { share: 0.65, medianHours: 14, extra: 0.5, accepted: 0.4 },
  new: { share: 0.7, medianHours: 4, extra: 0.5, accepted: 0.4 },
};
const TEAM_ANSWERS: AnswerHabit = { share: 0.88, medianHours: 2, extra: 0.5, accepted: 0.5 };

/** Each week of a community's life and how many top-level posts it should see (before scaling). */
export function weeklyMeans(plan: CommunityPlan, now: number): { start: number; mean: number }[] {
  const start = plan.row.created_at;
  const weeks: { start: number; mean: number }[] = [];
  let joined = 0;
  for (let t = start; t < plan.quietFrom; t += WEEK) {
    while (joined < plan.members.length && (plan.members[joined] as PlannedMember).joinedAt <= t + WEEK)
      joined++;
    const progress =
      (t - start) / Math.max(WEEK, (plan.activity === 'dormant' ? plan.quietFrom : now) - start);
    const mean =
      WEEKLY_POSTS[plan.row.kind as CommunityKind] *
      shape(plan.activity, progress) *
      season(t) *
      Math.sqrt(Math.max(1, joined) / 10);
    weeks.push({ start: t, mean });
  }
  return weeks;
}

function shape(activity: Activity, progress: number): number {
  switch (activity) {
    case 'thriving':
      return 2 + 3 * progress;
    case 'steady':
      return 1;
    case 'declining':
      return 2.2 * (1 - progress) ** 1.5 + 0.1;
    case 'dormant':
      return 1.2 * (1 - 0.5 * progress);
    case 'new':
      return 3;
  }
}

/** Summer and the year-end holidays are quiet. */
function season(t: number): number {
  const d = new Date(t);
  const month = d.getUTCMonth();
  if (month === 7) return 0.6;
  if ((month === 11 && d.getUTCDate() >= 20) || (month === 0 && d.getUTCDate() <= 3)) return 0.5;
  return 1;
}

/** The posts of one community, at most `budget` of them. */
export function generatePosts(ctx: ActivityContext, plan: CommunityPlan, budget: number): DemoPostRow[] {
  const { rng, now } = ctx;
  const posts: DemoPostRow[] = [welcome(ctx, plan)];
  const everyone = roster(plan.members);
  const leaders = roster(plan.members.filter((m) => m.role === 'leader'));
  const mix = POST_MIX[plan.row.kind as CommunityKind];
  const end = Math.min(plan.quietFrom, now - MINUTE);
  for (const week of weeklyMeans(plan, now)) {
    const noise = plan.activity === 'steady' ? 0.75 + 0.5 * rng.next() : 0.9 + 0.2 * rng.next();
    const count = drawPoisson(rng, week.mean * noise * ctx.scale);
    for (let i = 0; i < count && posts.length < budget; i++) {
      const at = workingTime(rng, week.start);
      if (at < plan.row.created_at + HOUR || at > end) continue;
      const kind = rng.weighted(mix, ([, w]) => w)[0];
      const author =
        kind === 'announcement' ? pickJoined(rng, leaders, at, true) : pickJoined(rng, everyone, at, false);
      if (!author) continue;
      const post = writePost(ctx, plan, kind, author, at);
      posts.push(post);
      if (kind === 'question') posts.push(...answer(ctx, plan, everyone, post, author));
    }
    if (posts.length >= budget) break;
  }
  return posts;
}

/** A moment of the week starting at `weekStart`: office hours, and rarely at the weekend. */
function workingTime(rng: Rng, weekStart: number): number {
  const firstDay = Math.floor(weekStart / DAY) * DAY;
  const days = [0, 1, 2, 3, 4, 5, 6];
  const weekend = (i: number) => [0, 6].includes(new Date(firstDay + i * DAY).getUTCDay());
  const day = firstDay + rng.weighted(days, (i) => (weekend(i) ? 0.2 : 1)) * DAY;
  return day + rng.int(7, 18) * HOUR + rng.int(0, 59) * MINUTE + rng.int(0, 59_999);
}

/** Members by join date, with the dates apart for a binary search. */
interface Roster {
  members: readonly PlannedMember[];
  joinedAt: readonly number[];
}

const roster = (members: readonly PlannedMember[]): Roster => ({
  members,
  joinedAt: members.map((m) => m.joinedAt),
});

/** A member who had joined by `at`, keen posters more often; anyone of them when `anyKeenness`. */
function pickJoined(rng: Rng, { members, joinedAt }: Roster, at: number, anyKeenness: boolean) {
  const joined = countAtMost(joinedAt, at);
  if (joined === 0) return undefined;
  let candidate = members[rng.int(0, joined - 1)] as PlannedMember;
  for (let tries = 0; tries < 25 && !anyKeenness && rng.next() >= candidate.keenness; tries++)
    candidate = members[rng.int(0, joined - 1)] as PlannedMember;
  return candidate;
}

function welcome(ctx: ActivityContext, plan: CommunityPlan): DemoPostRow {
  const objectives = (JSON.parse(plan.row.objectives) as string[]).map((o) => `- ${o}`).join('\n');
  const body =
    `Hello everyone, and thanks for joining ${plan.row.name}!\n\n${plan.row.purpose}\n\n` +
    `**What we want to achieve**\n\n${objectives}\n\n` +
    'Introduce yourself with a post: what you work on, and what you hope to find here.';
  return row(ctx, plan, {
    kind: 'announcement',
    authorId: plan.row.created_by,
    at: plan.row.created_at + ctx.rng.int(10, 180) * MINUTE,
    title: `Welcome to ${plan.row.name}`,
    body,
  });
}

function writePost(
  ctx: ActivityContext,
  plan: CommunityPlan,
  kind: PostKind,
  author: PlannedMember,
  at: number,
) {
  const { rng } = ctx;
  const person = ctx.peopleById.get(author.personId);
  const templates = TEMPLATES[plan.tone][kind] ?? TEMPLATES.work[kind] ?? [];
  const template = rng.pick(templates) as PostTemplate;
  const [topic, topic2] = twoTopics(rng, plan.topics);
  const roles = DEPARTMENTS.find((d) => d.name === person?.department)?.roles ?? ['Specialist'];
  const vars: Record<string, string> = {
    topic,
    topic2,
    community: plan.row.name,
    site: plan.site ?? person?.location ?? 'the office',
    role: `${rng.chance(0.4) ? 'Senior ' : ''}${rng.pick(roles)}`,
    n: String(rng.int(4, 12)),
  };
  const event =
    kind === 'event'
      ? {
          startsAt: Math.floor(at / DAY) * DAY + rng.int(3, 20) * DAY + rng.pick([9, 12, 12, 16, 17]) * HOUR,
          place: plan.site
            ? `${plan.site} office, ${rng.pick(MEETING_ROOMS)}`
            : rng.chance(0.55)
              ? ONLINE_PLACE
              : `${vars.site} office, ${rng.pick(MEETING_ROOMS)}`,
        }
      : null;
  return row(ctx, plan, {
    kind,
    authorId: author.personId,
    at,
    title: template.title === null ? null : fill(template.title, vars),
    body: fill(template.body, vars),
    event,
  });
}

/** Answers by other members, minutes to days later; some questions wait forever, some get one accepted. */
function answer(
  ctx: ActivityContext,
  plan: CommunityPlan,
  everyone: Roster,
  question: DemoPostRow,
  asker: PlannedMember,
) {
  const { rng } = ctx;
  const habit = plan.row.kind === 'team' ? TEAM_ANSWERS : ANSWERS[plan.activity];
  if (!rng.chance(habit.share)) return [];
  // Dormant communities stopped answering too: nothing lands in their quiet months.
  const cutoff = Math.min(
    ctx.now - MINUTE,
    plan.activity === 'dormant' ? plan.quietFrom + 7 * DAY : Infinity,
  );
  const answers: DemoPostRow[] = [];
  const answered = new Set([asker.personId]);
  let at = question.created_at + Math.max(2 * MINUTE, drawDelay(rng, habit.medianHours * HOUR));
  const wanted = 1 + drawPoisson(rng, habit.extra);
  for (let i = 0; i < wanted && at <= cutoff; i++) {
    const author = pickJoined(rng, everyone, at, false);
    if (author && !answered.has(author.personId)) {
      answered.add(author.personId);
      const template = rng.pick(TEMPLATES[plan.tone].answer ?? TEMPLATES.work.answer ?? []) as PostTemplate;
      const [topic, topic2] = twoTopics(rng, plan.topics);
      const body = fill(template.body, { topic, topic2 });
      answers.push(
        row(ctx, plan, {
          kind: 'answer',
          authorId: author.personId,
          at,
          title: null,
          body,
          parentId: question.id,
        }),
      );
    }
    at += Math.max(MINUTE, drawDelay(rng, habit.medianHours * 1.5 * HOUR));
  }
  if (answers.length > 0 && rng.chance(habit.accepted))
    question.accepted_answer_id = (rng.chance(0.6) ? answers[0] : rng.pick(answers))?.id ?? null;
  return answers;
}

interface Draft {
  kind: PostKind;
  authorId: string;
  at: number;
  title: string | null;
  body: string;
  event?: { startsAt: number; place: string } | null;
  parentId?: string;
}

function row(ctx: ActivityContext, plan: CommunityPlan, d: Draft): DemoPostRow {
  const { rng } = ctx;
  const createdAt = Math.round(d.at);
  // A few get a typo fixed or a link added soon after.
  const editedAt = rng.chance(0.07) ? createdAt + rng.int(3, 36 * 60) * MINUTE : null;
  return {
    id: drawUuid(rng),
    community_id: plan.row.id,
    author_id: d.authorId,
    kind: d.kind,
    parent_id: d.parentId ?? null,
    title: d.title,
    body: d.body,
    event_starts_at: d.event?.startsAt ?? null,
    event_place: d.event?.place ?? null,
    accepted_answer_id: null,
    created_at: createdAt,
    edited_at: editedAt !== null && editedAt <= ctx.now ? editedAt : null,
    deleted: 0,
  };
}

function twoTopics(rng: Rng, topics: readonly string[]): [string, string] {
  const first = rng.int(0, topics.length - 1);
  const second = (first + rng.int(1, Math.max(1, topics.length - 1))) % topics.length;
  return [topics[first] as string, topics[second] as string];
}

/** Fills `{name}` placeholders and starts the text with a capital. */
function fill(template: string, vars: Record<string, string>): string {
  const text = template.replace(/\{(\w+)\}/g, (whole, key: string) => vars[key] ?? whole);
  return text.charAt(0).toUpperCase() + text.slice(1);
}
