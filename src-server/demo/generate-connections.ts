import type { ConnectionsTable } from '../db/schema.ts';
import {
  EdgeStore,
  FORCE_SHARED,
  indexOrg,
  mirrorTie,
  pickIndex,
  Tie,
  type OrgIndex,
} from './connection-graph.ts';
import { drawDemoNetwork, type DemoEdgeStyle } from './demo-user-network.ts';
import type { DemoCommunities } from './generate-communities.ts';
import { DEFAULT_DEMO_SEED, type DemoOrg } from './generate-org.ts';
import {
  fillTemplate,
  kindsColumn,
  pickTemplate,
  TEAM_TEMPLATES,
  templatesOf,
  type HowMetTemplate,
} from './how-met.ts';
import { DEPARTMENTS, SITES } from './org-data.ts';
import { createRng, type Rng } from './prng.ts';
import { DAY, drawDelay, HOUR } from './sampling.ts';

/** A connections row as the table holds it, without seq: the seeder takes seqs from the change sequence. */
export type DemoConnectionRow = Omit<ConnectionsTable, 'seq'>;

export interface DemoConnectionOptions {
  seed?: number;
  /** Every date is before this (ms); injectable so tests see fixed data. */
  now: number;
  /** The org's communities: co-members get to know each other. Without them, no community ties. */
  communities?: DemoCommunities | null;
}

/** Nobody but the demo user holds more connections than this. */
export const MAX_CONNECTIONS_PER_PERSON = 45;

/** How often each reason comes up when someone adds a connection (cumulative thresholds below). */
const TIE_WEIGHTS: readonly (readonly [Tie, number])[] = [
  [Tie.team, 0.3],
  [Tie.department, 0.22],
  [Tie.site, 0.12],
  [Tie.community, 0.12],
  [Tie.mentor, 0.07],
  [Tie.crossDepartment, 0.17],
];
const TIE_TOTAL = TIE_WEIGHTS.reduce((sum, [, w]) => sum + w, 0);

/** By tie: how likely the other person records the connection too, how close it is, how often shared. */
const RECIPROCITY = [0.7, 0.5, 0.4, 0.4, 0.75, 0.75, 0.35];
const BASE_STRENGTH = [4, 3, 2, 3, 4, 4, 2];
const SHARED = [0.7, 0.61, 0.5, 0.61, 0.59, 0.59, 0.53];
/** How long ago the tie started, in years: [min, max]. */
const SINCE_YEARS: readonly (readonly [number, number])[] = [
  [0.2, 4],
  [0.3, 7],
  [0.2, 6],
  [0.1, 3],
  [0.2, 4],
  [0.2, 4],
  [0.3, 9],
];
/** Typical days since the last interaction, by strength 1–5. */
const MEDIAN_GAP_DAYS = [0, 240, 120, 45, 14, 5];
const KEEP_IN_TOUCH_DAYS = [14, 30, 30, 60, 90, 180] as const;

/**
 * Who knows whom in a generated org, pure and deterministic: the same org, communities, seed and `now`
 * give the same rows, ordered by (owner, person). Most people hold 2–10 connections, a few up to 45,
 * mostly in their team and department; the demo user holds a richer network (see demo-user-network.ts).
 */
export function generateConnections(org: DemoOrg, options: DemoConnectionOptions): DemoConnectionRow[] {
  const { seed = DEFAULT_DEMO_SEED, now, communities = null } = options;
  // Its own stream, so that adding connections never changes the people or the communities of an org.
  const rng = createRng((seed ^ 0x636f6e6e) >>> 0);
  const index = indexOrg(org.people, communities);
  const demo = index.indexOf.get(org.demoUserId) ?? -1;
  const store = new EdgeStore(index, MAX_CONNECTIONS_PER_PERSON);
  const demoStyles = demo >= 0 ? drawDemoNetwork(rng, index, store, demo) : new Map<number, DemoEdgeStyle>();
  drawEveryonesTies(rng, index, store, demo);
  return writeRows(rng, index, store, { now, demo, demoStyles });
}

function drawEveryonesTies(rng: Rng, index: OrgIndex, store: EdgeStore, demo: number) {
  for (const owner of index.everyone) {
    if (owner === demo) continue;
    const wanted = drawDegree(rng, index.level[owner] as number);
    let made = 0;
    for (let tries = 0; made < wanted && tries < wanted * 3; tries++) {
      let tie = drawTie(rng);
      if (tie === Tie.community && (index.memberOf[owner]?.length ?? 0) === 0) tie = Tie.department;
      const target = drawTarget(rng, index, owner, tie);
      if (target < 0 || !store.add(owner, target, tie)) continue;
      made++;
      if (target !== demo && rng.chance(RECIPROCITY[tie] as number)) store.add(target, owner, mirrorTie(tie));
    }
  }
}

/** How many connections a person starts: Pareto-tailed, so most start a handful and a few dozens. */
function drawDegree(rng: Rng, level: number): number {
  const pareto = 3.6 / Math.sqrt(1 - rng.next());
  const managerBonus = level >= 4 ? rng.int(1, 4) : 0;
  return Math.min(40, Math.max(1, Math.floor(pareto) - 1 + managerBonus));
}

function drawTie(rng: Rng): Tie {
  let r = rng.next() * TIE_TOTAL;
  for (const [tie, weight] of TIE_WEIGHTS) {
    r -= weight;
    if (r < 0) return tie;
  }
  return Tie.crossDepartment;
}

/** Someone the owner plausibly knows for this reason, or -1. */
function drawTarget(rng: Rng, index: OrgIndex, owner: number, tie: Tie): number {
  const { manager, reports, department } = index;
  const dept = department[owner] as number;
  switch (tie) {
    case Tie.team: {
      const boss = manager[owner] as number;
      const mine = reports[owner] ?? [];
      const peers = boss >= 0 ? (reports[boss] ?? []) : [];
      const k = Math.floor(rng.next() * ((boss >= 0 ? 1 : 0) + mine.length + peers.length));
      if (boss >= 0 && k === 0) return boss;
      const j = k - (boss >= 0 ? 1 : 0);
      return j < mine.length ? (mine[j] ?? -1) : (peers[j - mine.length] ?? -1);
    }
    case Tie.department: {
      // Half of them from a neighbouring team under the same skip-level manager.
      const boss = manager[owner] as number;
      const skip = boss >= 0 ? (manager[boss] as number) : -1;
      if (skip >= 0 && department[skip] === dept && rng.chance(0.5)) {
        const team = pickIndex(rng, reports[skip]);
        return (reports[team]?.length ?? 0) > 0 ? pickIndex(rng, reports[team]) : team;
      }
      return pickIndex(rng, index.byDepartment[dept]);
    }
    case Tie.site:
      return pickIndex(rng, index.bySite[index.site[owner] as number]);
    case Tie.community: {
      const mine = index.memberOf[owner] ?? [];
      return mine.length === 0 ? -1 : pickIndex(rng, index.members[rng.pick(mine).community]);
    }
    case Tie.mentor: {
      const level = index.level[owner] as number;
      for (let tries = 0; tries < 3; tries++) {
        const from = rng.chance(0.7) ? dept : rng.int(0, DEPARTMENTS.length - 1);
        const mentor = pickIndex(rng, index.seniorsByDepartment[from]);
        if (mentor >= 0 && (index.level[mentor] as number) > level && mentor !== manager[owner])
          return mentor;
      }
      return -1;
    }
    default:
      for (let tries = 0; tries < 3; tries++) {
        const other = pickIndex(rng, index.everyone);
        if (department[other] !== dept) return other;
      }
      return -1;
  }
}

interface RowContext {
  now: number;
  demo: number;
  demoStyles: ReadonlyMap<number, DemoEdgeStyle>;
}

function writeRows(rng: Rng, index: OrgIndex, store: EdgeStore, ctx: RowContext): DemoConnectionRow[] {
  const rows: DemoConnectionRow[] = [];
  const today = Math.floor(ctx.now / DAY);
  index.people.forEach((owner, o) => {
    const list = (store.out[o] ?? []).slice().sort((a, b) => a - b);
    for (const packed of list) {
      const target = packed >> 4;
      const code = packed & 15;
      // A tie drawn for another reason between a manager and their report is still a team tie.
      const direct = index.manager[o] === target || index.manager[target] === o;
      const tie = direct ? Tie.team : ((code & 7) as Tie);
      const demoStyle = o === ctx.demo ? ctx.demoStyles.get(target) : undefined;
      const strength = demoStyle?.strength ?? drawStrength(rng, tie);
      const template = pickHowMet(rng, index, o, target, tie);
      const { since, last } = drawDays(rng, index, { o, target, tie, strength, today, demoStyle });
      const cadence =
        demoStyle !== undefined
          ? demoStyle.keepInTouchDays
          : strength >= 3 && rng.chance(0.1)
            ? rng.pick(KEEP_IN_TOUCH_DAYS)
            : null;
      const shared = demoStyle?.shared ?? ((code & FORCE_SHARED) !== 0 || rng.chance(SHARED[tie] as number));
      const touched = (last ?? since ?? today - rng.int(1, 60)) * DAY + rng.int(7, 40) * HOUR;
      rows.push({
        owner_id: owner.id,
        person_id: (index.people[target] as (typeof index.people)[number]).id,
        kinds: kindsColumn(template.kinds),
        strength,
        how_met: fillTemplate(template, {
          year: new Date((since ?? today - 700) * DAY).getUTCFullYear(),
          dept: DEPARTMENTS[index.department[target] as number]?.name ?? '',
          site: SITES[index.site[target] as number]?.city ?? '',
          community: sharedCommunity(index, o, target)?.name ?? '',
        }),
        since: since === null ? null : dayString(since),
        last_interaction_at: last === null ? null : dayString(last),
        visibility: shared ? 'shared' : 'private',
        keep_in_touch_days: cadence,
        updated_at: Math.min(ctx.now, touched),
        deleted: 0,
        unshared_seq: null,
      });
    }
  });
  return rows;
}

function drawStrength(rng: Rng, tie: Tie): number {
  const r = rng.next();
  const jitter = r < 0.2 ? -1 : r > 0.97 ? 2 : r > 0.8 ? 1 : 0;
  return Math.min(5, Math.max(1, (BASE_STRENGTH[tie] as number) + jitter));
}

function pickHowMet(rng: Rng, index: OrgIndex, owner: number, target: number, tie: Tie): HowMetTemplate {
  if (tie !== Tie.team) return pickTemplate(rng, templatesOf(tie));
  const templates =
    index.manager[owner] === target
      ? TEAM_TEMPLATES.manager
      : index.manager[target] === owner
        ? TEAM_TEMPLATES.report
        : TEAM_TEMPLATES.peer;
  return pickTemplate(rng, templates);
}

interface DayDraw {
  o: number;
  target: number;
  tie: Tie;
  strength: number;
  today: number;
  demoStyle: DemoEdgeStyle | undefined;
}

/** since and the last interaction as day numbers, both before today, the last one not before since. */
function drawDays(rng: Rng, index: OrgIndex, d: DayDraw): { since: number | null; last: number | null } {
  const { today, demoStyle } = d;
  let since: number | null = null;
  if (demoStyle || !rng.chance(0.08)) {
    const [min, max] = SINCE_YEARS[d.tie] as readonly [number, number];
    since = today - Math.round((min + rng.next() * (max - min)) * 365);
    const met = sharedCommunity(index, d.o, d.target);
    if (d.tie === Tie.community && met) {
      const joined = Math.ceil(met.joinedAt / DAY);
      since = Math.min(today - 1, joined + Math.floor(rng.next() * Math.max(0, today - joined) * 0.6));
    }
  }
  if (demoStyle?.keepInTouchDays) {
    const cadence = demoStyle.keepInTouchDays;
    const gap = demoStyle.overdue ? cadence + rng.int(3, 30) : rng.int(1, Math.max(1, cadence - 3));
    return { since: since === null ? null : Math.min(since, today - gap), last: today - gap };
  }
  if (!demoStyle && rng.chance(d.strength <= 2 ? 0.12 : 0.03)) return { since, last: null };
  const gap = Math.round(drawDelay(rng, MEDIAN_GAP_DAYS[d.strength] as number, 0.8));
  const last = Math.max(since ?? today - 3 * 365, today - Math.min(gap, 3 * 365));
  return { since, last };
}

/** The first community both are active members of (with the later of their joining times), if any. */
function sharedCommunity(index: OrgIndex, a: number, b: number) {
  const theirs = index.memberOf[b] ?? [];
  if (theirs.length === 0) return undefined;
  for (const mine of index.memberOf[a] ?? []) {
    const other = theirs.find((m) => m.community === mine.community);
    if (other)
      return {
        name: index.communityNames[mine.community] ?? '',
        joinedAt: Math.max(mine.joinedAt, other.joinedAt),
      };
  }
  return undefined;
}

const days = new Map<number, string>();
function dayString(day: number): string {
  let text = days.get(day);
  if (text === undefined) {
    text = new Date(day * DAY).toISOString().slice(0, 10);
    days.set(day, text);
  }
  return text;
}
