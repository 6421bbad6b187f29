import type { Person } from '#shared/domain/person';
import type { Choice } from './choose-communities.ts';
import type { Activity, CommunityPlan, DemoMembershipRow, PlannedMember } from './community-plan.ts';
import type { Rng } from './prng.ts';
import { DAY, drawUuid, HOUR, MINUTE, sampleWeighted, shuffle } from './sampling.ts';

/** Gives each chosen community a life (thriving, dormant, …), a start date, members and join requests. */

export interface PlanContext {
  rng: Rng;
  now: number;
  /** Active people only: leavers neither join nor post. */
  people: readonly Person[];
  demo: Person;
}

export interface Planned {
  plans: CommunityPlan[];
  /** Requests to join 'request' communities, waiting for a leader. */
  requests: DemoMembershipRow[];
}

/** How large a community grows, as a share of the size it could reach. */
const SIZE_FACTOR: Record<Activity, number> = {
  thriving: 1,
  steady: 0.65,
  declining: 0.55,
  dormant: 0.4,
  new: 0.1,
};

/**
 * How join dates spread between start and end: t = u^(1/a). Above 1 most people joined lately (growth),
 * below 1 most joined early (a community that lost its pull).
 */
const JOIN_CURVE: Record<Activity, number> = {
  thriving: 2.2,
  steady: 1,
  declining: 0.6,
  dormant: 0.5,
  new: 1,
};

export function planCommunities(ctx: PlanContext, choices: readonly Choice[]): Planned {
  const activities = assignActivities(ctx.rng, choices);
  const plans: CommunityPlan[] = [];
  const requests: DemoMembershipRow[] = [];
  const dormant = choices.filter((_, i) => activities[i] === 'dormant').length;
  let archivable = dormant >= 3; // with several dormant communities, one was archived by its leaders
  choices.forEach((choice, i) => {
    const activity = activities[i] as Activity;
    const weights = affinities(ctx, choice);
    const plan = planOne(ctx, choice, activity, weights);
    if (activity === 'dormant' && archivable && choice.demo === undefined) {
      plan.row.archived = 1;
      plan.row.updated_at = Math.min(ctx.now, plan.quietFrom + ctx.rng.int(20, 60) * DAY);
      archivable = false;
    }
    plans.push(plan);
    if (plan.row.visibility === 'request' && activity !== 'dormant' && !plan.row.archived)
      requests.push(...drawRequests(ctx, choice, plan, weights));
  });
  return { plans, requests };
}

/**
 * The demo user's communities are alive; one club (not theirs) is brand new; of the rest, some thrive, a
 * few fade, a few went dormant (never a team: a team's channel lives as long as the team).
 */
function assignActivities(rng: Rng, choices: readonly Choice[]): Activity[] {
  const activities: (Activity | undefined)[] = choices.map((c) =>
    c.demo === 'leads' ? 'thriving' : c.demo === undefined ? undefined : 'steady',
  );
  const newIndex = choices.findLastIndex((c) => c.kind === 'interest_group' && c.demo === undefined);
  if (newIndex >= 0) activities[newIndex] = 'new';
  const shuffled = shuffle(
    rng,
    choices.map((_, i) => i).filter((i) => activities[i] === undefined),
  );
  // A practice goes dormant first: a big community gone quiet is the story a health chart should tell.
  const practice = shuffled.findIndex((i) => choices[i]?.kind === 'community_of_practice');
  const rest = practice < 0 ? shuffled : [shuffled[practice] as number, ...shuffled.toSpliced(practice, 1)];
  const n = choices.length;
  let dormant = Math.max(1, Math.round(n * 0.15));
  let declining = Math.max(1, Math.round(n * 0.2));
  let thriving = Math.max(1, Math.round(n * 0.15) - 1);
  for (const i of rest) {
    if (dormant > 0 && choices[i]?.kind !== 'team') {
      activities[i] = 'dormant';
      dormant--;
    } else if (declining > 0) {
      activities[i] = 'declining';
      declining--;
    } else if (thriving > 0) {
      activities[i] = 'thriving';
      thriving--;
    } else activities[i] = 'steady';
  }
  return activities.map((a) => a ?? 'steady');
}

/** Each person's affinity to the community, by their index in ctx.people; the demo user's is 0. */
function affinities(ctx: PlanContext, choice: Choice): Float64Array {
  // The demo user is only where the story needs them (see markDemo in choose-communities.ts).
  const weights = new Float64Array(ctx.people.length);
  ctx.people.forEach((p, i) => {
    if (p.id !== ctx.demo.id) weights[i] = choice.affinity(p);
  });
  return weights;
}

function planOne(ctx: PlanContext, choice: Choice, activity: Activity, weights: Float64Array): CommunityPlan {
  const { rng, now } = ctx;
  const createdAt = now - startDaysAgo(rng, activity) * DAY - rng.int(0, 12 * 60) * MINUTE;
  const quietFrom =
    activity === 'dormant' ? Math.max(createdAt + 90 * DAY, now - rng.int(110, 220) * DAY) : now;
  const members = drawMembers(ctx, choice, activity, weights, createdAt, quietFrom);
  const creator = members.find((m) => m.role === 'leader') ?? (members[0] as PlannedMember);
  const revised = activity !== 'new' && rng.chance(0.3);
  return {
    row: {
      id: drawUuid(rng),
      name: choice.name,
      kind: choice.kind,
      purpose: choice.purpose,
      objectives: JSON.stringify(choice.objectives),
      visibility: choice.visibility,
      created_by: creator.personId,
      created_at: createdAt,
      archived: 0,
      managed_by_directory: 0,
      // Some leaders revised the objectives after a while.
      updated_at: revised ? Math.round(createdAt + rng.next() * (quietFrom - createdAt) * 0.8) : createdAt,
      unshared_seq: null,
    },
    activity,
    tone: choice.tone,
    topics: choice.topics,
    site: choice.site,
    members,
    quietFrom,
  };
}

function startDaysAgo(rng: Rng, activity: Activity): number {
  if (activity === 'new') return rng.int(6, 20);
  if (activity === 'thriving' && rng.chance(0.5)) return rng.int(150, 300); // a young success
  if (activity === 'steady') return rng.int(300, 425);
  return rng.int(390, 425);
}

const seniority = (p: Person) =>
  /Chief|VP|Director/.test(p.title)
    ? 3
    : /Manager|Lead /.test(p.title)
      ? 2
      : p.title.startsWith('Senior')
        ? 1
        : 0;

function targetSize(ctx: PlanContext, choice: Choice, activity: Activity, fits: number): number {
  const { rng } = ctx;
  const factor = SIZE_FACTOR[activity];
  const n = ctx.people.length;
  // Small orgs give the sizes; bigger ones grow them slowly, and no two big communities end up alike.
  const scale = Math.max(1, (n / 200) ** 0.35) * (0.8 + 0.4 * rng.next());
  const clamp = (x: number, min: number, max: number) => Math.round(Math.min(max, Math.max(min, x)));
  const cap = (max: number) => (activity === 'new' ? rng.int(8, 30) : max * factor);
  switch (choice.kind) {
    case 'community_of_practice':
      return clamp(fits * 0.5 * factor, 4, cap(300 * scale));
    case 'microcommunity':
      return clamp(rng.int(8, 24) * scale * Math.max(factor, 0.5), 4, cap(250));
    case 'interest_group':
      return clamp(fits * (choice.site ? 0.35 : 0.5) * factor, 4, cap(80 * scale));
    case 'change_network':
      return clamp(n * 0.03 * factor, 8, cap(70 * scale));
    case 'team':
      return fits;
  }
}

function drawMembers(
  ctx: PlanContext,
  choice: Choice,
  activity: Activity,
  weights: Float64Array,
  createdAt: number,
  quietFrom: number,
): PlannedMember[] {
  const { rng, demo } = ctx;
  let fits = 0;
  for (const w of weights) if (w >= 1) fits++;
  const size = targetSize(ctx, choice, activity, fits);
  let drawn = sampleWeighted(rng, ctx.people, (_, i) => weights[i] as number, size);
  if (choice.demo === 'leads' || choice.demo === 'member') drawn = [demo, ...drawn.slice(0, size - 1)];
  if (drawn.length === 0) drawn = [ctx.people.find((p) => p.id !== demo.id) ?? demo];

  const leaders = chooseLeaders(rng, choice, drawn, demo);
  const leaderIds = new Set(leaders.map((p) => p.id));
  const others = drawn.filter((p) => !leaderIds.has(p.id) && p.id !== demo.id);
  const moderators = drawn.length >= 15 && choice.kind !== 'team' ? others.slice(0, rng.int(0, 2)) : [];
  const moderatorIds = new Set(moderators.map((p) => p.id));

  // Members who joined after the community went quiet are few: dormant ones stopped drawing people too.
  const joinEnd = Math.min(quietFrom + 30 * DAY, ctx.now - HOUR);
  const joinCurve = choice.kind === 'team' ? 0.4 : JOIN_CURVE[activity];
  const members = drawn.map((p): PlannedMember => {
    const role = leaderIds.has(p.id) ? 'leader' : moderatorIds.has(p.id) ? 'moderator' : 'member';
    const founder = role !== 'member' || rng.chance(0.1);
    let joinedAt = founder
      ? createdAt + rng.next() * 3 * DAY
      : createdAt + (joinEnd - createdAt) * rng.next() ** (1 / joinCurve);
    if (p.id === leaders[0]?.id) joinedAt = createdAt;
    // The demo user has been around long enough to see the history of the communities they are in.
    if (p.id === demo.id && role === 'member')
      joinedAt = createdAt + (joinEnd - createdAt) * (0.1 + 0.3 * rng.next());
    const keenness = role === 'member' ? Math.max(0.03, rng.next() ** 3) : role === 'leader' ? 1 : 0.8;
    return { personId: p.id, role, joinedAt: Math.round(Math.min(joinedAt, joinEnd)), keenness };
  });
  return members.sort((a, b) => a.joinedAt - b.joinedAt);
}

/** One to three leaders, the most senior of the strongest fits; the demo user leads only their own. */
function chooseLeaders(rng: Rng, choice: Choice, drawn: readonly Person[], demo: Person): Person[] {
  if (choice.team) return drawn.filter((p) => p.id === choice.team?.managerId).slice(0, 1);
  if (choice.demo === 'leads') {
    const co = drawn.filter((p) => p.id !== demo.id && seniority(p) >= 1).slice(0, rng.int(0, 1));
    return [demo, ...co];
  }
  const count = drawn.length < 10 ? 1 : drawn.length < 60 ? rng.int(1, 2) : rng.int(2, 3);
  const shortlist = drawn
    .slice(0, Math.max(3, Math.ceil(drawn.length * 0.3)))
    .filter((p) => p.id !== demo.id);
  const leaders = shortlist
    .map((p) => ({ p, score: seniority(p) + rng.next() * 2 }))
    .sort((a, b) => b.score - a.score)
    .slice(0, count)
    .map((x) => x.p);
  return leaders.length > 0 ? leaders : drawn.slice(0, 1);
}

/** A few people who asked to join lately and wait for a leader; never the demo user. */
function drawRequests(ctx: PlanContext, choice: Choice, plan: CommunityPlan, weights: Float64Array) {
  const { rng, now } = ctx;
  const memberIds = new Set(plan.members.map((m) => m.personId));
  const count = choice.demo === 'leads' ? rng.int(2, 4) : rng.int(1, 3);
  const affinity = (p: Person, i: number) => (memberIds.has(p.id) ? 0 : (weights[i] as number));
  return sampleWeighted(rng, ctx.people, affinity, count).map((p): DemoMembershipRow => ({
    community_id: plan.row.id,
    person_id: p.id,
    role: 'member',
    status: 'requested',
    since: Math.max(plan.row.created_at + HOUR, now - rng.int(60, 12 * 24 * 60) * MINUTE),
    joined_at: null,
    deleted: 0,
  }));
}
