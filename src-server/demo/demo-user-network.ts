import { EdgeStore, FORCE_SHARED, mirrorTie, pickIndex, Tie, type OrgIndex } from './connection-graph.ts';
import { DEPARTMENTS } from './org-data.ts';
import type { Rng } from './prng.ts';
import { shuffle } from './sampling.ts';

/** The demo user's own network: richer than anyone's, with gaps that their connections can bridge. */

/** The departments the demo user knows people in; the others (Sales, Finance, Legal…) they reach only through others. */
export const DEMO_REACHED_DEPARTMENTS = [
  'Engineering',
  'Product',
  'Design',
  'Data & Analytics',
  'People & HR',
  'Marketing',
  'IT',
] as const;

/** How many people outside their own department the demo user knows, per department. */
const OUTSIDE_QUOTAS: readonly (readonly [string, number])[] = [
  ['Product', 4],
  ['Design', 3],
  ['Data & Analytics', 3],
  ['People & HR', 2],
  ['Marketing', 2],
  ['IT', 2],
];

const MIN_CONNECTIONS = 32;
/** Neighbours who know someone in each department the demo user does not reach. */
const BRIDGES_PER_DEPARTMENT = 2;
const KEEP_IN_TOUCH = [14, 30, 30, 60, 90] as const;

/** How a demo user's connection looks, decided here rather than drawn like everyone else's. */
export interface DemoEdgeStyle {
  strength: number;
  shared: boolean;
  keepInTouchDays: number | null;
  /** The last interaction is longer ago than the cadence: a follow-up is due. */
  overdue: boolean;
}

/**
 * Adds the demo user's connections (manager, team, peers, a mentor, mentees, people in six other
 * departments, community co-members), some of theirs back, and shared bridges from their neighbours
 * into the departments they miss. Returns each of their connections' style by target.
 */
export function drawDemoNetwork(
  rng: Rng,
  index: OrgIndex,
  store: EdgeStore,
  demo: number,
): Map<number, DemoEdgeStyle> {
  const ownDepartment = index.department[demo] as number;
  const reached = new Set([ownDepartment, ...DEMO_REACHED_DEPARTMENTS.map(departmentIndex)]);
  const styles = new Map<number, DemoEdgeStyle>();
  const connect = (target: number, tie: Tie, strength: number) => {
    if (target < 0 || !reached.has(index.department[target] as number)) return false;
    if (!store.add(demo, target, tie, { uncapped: true })) return false;
    styles.set(target, { strength, shared: rng.chance(0.85), keepInTouchDays: null, overdue: false });
    return true;
  };
  const connectSome = (pool: readonly number[], count: number, tie: Tie, strength: () => number) => {
    let made = 0;
    for (let tries = 0; made < count && tries < count * 6; tries++)
      if (connect(pickIndex(rng, pool), tie, strength())) made++;
  };

  const boss = index.manager[demo] as number;
  if (connect(boss, Tie.team, 4)) (styles.get(boss) as DemoEdgeStyle).shared = true;
  const reports = shuffle(rng, index.reports[demo] ?? []).slice(0, 8);
  reports.forEach((r, i) => connect(r, Tie.team, i === 0 ? 5 : rng.int(3, 5)));
  const peers = boss >= 0 ? (index.reports[boss] ?? []).filter((p) => p !== demo) : [];
  connectSome(peers, 3, Tie.team, () => rng.int(3, 4));
  const skip = boss >= 0 ? (index.manager[boss] as number) : -1;
  if (skip >= 0 && index.department[skip] === ownDepartment) connect(skip, Tie.department, 3);
  connectSome(mentorsFor(index, demo, reached), 1, Tie.mentor, () => 5);

  const sameDepartment = index.byDepartment[ownDepartment] ?? [];
  const local = sameDepartment.filter((p) => index.site[p] === index.site[demo]);
  connectSome(local, 2, Tie.site, () => rng.int(2, 4));
  connectSome(sameDepartment, 3, Tie.department, () => rng.int(2, 4));
  for (const [name, count] of OUTSIDE_QUOTAS)
    connectSome(index.byDepartment[departmentIndex(name)] ?? [], count, Tie.crossDepartment, () =>
      rng.int(1, 4),
    );

  const juniors = sameDepartment.filter((p) => (index.level[p] as number) <= 1 && index.manager[p] !== demo);
  connectSome(juniors, 2, Tie.mentee, () => rng.int(3, 4));
  const coMembers = (index.memberOf[demo] ?? []).flatMap((m) => index.members[m.community] ?? []);
  connectSome(coMembers, 3, Tie.community, () => rng.int(2, 3));

  const everyoneReached = index.everyone.filter((p) => reached.has(index.department[p] as number));
  connectSome(everyoneReached, MIN_CONNECTIONS - styles.size, Tie.crossDepartment, () => rng.int(1, 3));

  setCadences(rng, styles);
  const neighbours = [...styles.keys()];
  for (const n of neighbours) {
    const tie = ((store.out[demo] ?? []).find((packed) => packed >> 4 === n) ?? 0) & 7;
    if (rng.chance(0.6)) store.add(n, demo, mirrorTie(tie as Tie), { uncapped: true });
  }
  addBridges(rng, index, store, neighbours, reached);
  return styles;
}

/** Someone more senior outside the reporting line: in another department if the org has one. */
function mentorsFor(index: OrgIndex, demo: number, reached: ReadonlySet<number>): number[] {
  const level = index.level[demo] as number;
  const boss = index.manager[demo] as number;
  const line = new Set([boss, boss >= 0 ? (index.manager[boss] as number) : -1]);
  const seniors = [...reached].flatMap((d) => index.seniorsByDepartment[d] ?? []);
  const candidates = seniors.filter((p) => p !== demo && !line.has(p));
  const own = index.department[demo];
  const above = candidates.filter((p) => (index.level[p] as number) > level);
  const elsewhere = above.filter((p) => index.department[p] !== own);
  if (elsewhere.length > 0) return elsewhere;
  return above.length > 0 ? above : candidates.filter((p) => (index.level[p] as number) >= level);
}

/** About a quarter of the strong ones get a cadence; every other one of those is overdue. */
function setCadences(rng: Rng, styles: Map<number, DemoEdgeStyle>) {
  const strong = [...styles.values()].filter((s) => s.strength >= 3);
  const chosen = shuffle(rng, strong).slice(0, Math.max(4, Math.round(strong.length / 4)));
  chosen.forEach((style, i) => {
    style.keepInTouchDays = rng.pick(KEEP_IN_TOUCH);
    style.overdue = i % 2 === 0;
  });
}

/** Some neighbours know, and share, someone in each department the demo user does not reach. */
function addBridges(
  rng: Rng,
  index: OrgIndex,
  store: EdgeStore,
  neighbours: readonly number[],
  reached: ReadonlySet<number>,
) {
  if (neighbours.length === 0) return;
  DEPARTMENTS.forEach((_, d) => {
    if (reached.has(d)) return;
    const pool = index.byDepartment[d] ?? [];
    let made = 0;
    for (let tries = 0; made < BRIDGES_PER_DEPARTMENT && tries < 20; tries++) {
      const from = pickIndex(rng, neighbours);
      const to = pickIndex(rng, pool);
      if (store.add(from, to, Tie.crossDepartment | FORCE_SHARED, { uncapped: true })) made++;
    }
  });
}

function departmentIndex(name: string): number {
  return DEPARTMENTS.findIndex((d) => d.name === name);
}
