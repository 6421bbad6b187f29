import type { CommunityKind, CommunityVisibility } from '#shared/domain/community';
import type { Person } from '#shared/domain/person';
import {
  CHANGE_NETWORKS,
  TEAM_NAMES,
  TEAM_OBJECTIVES,
  type CommunityTemplate,
} from './community-catalogue.ts';
import { CIRCLES, CLUBS } from './group-catalogue.ts';
import { PRACTICES } from './practice-catalogue.ts';
import { SITES } from './org-data.ts';
import type { Tone } from './post-templates.ts';
import type { Rng } from './prng.ts';
import { roundToTotal, shuffle } from './sampling.ts';

/** Which communities an org of a given size has, and whom each one draws. */

export interface Choice {
  name: string;
  kind: CommunityKind;
  purpose: string;
  objectives: readonly string[];
  visibility: CommunityVisibility;
  tone: Tone;
  topics: readonly string[];
  site: string | null;
  /** How strongly a person is drawn to it: 0 never, 1 or more a real fit, below 1 a curious outsider. */
  affinity: (person: Person) => number;
  /** A team: its manager leads it and their reports are its members. */
  team?: { managerId: string; memberIds: readonly string[] };
  /** What the demo user is to it: its leader, a member, or a good fit who has not joined yet. */
  demo?: 'leads' | 'member' | 'suggested';
}

/** Shares of the communities by kind; each kind gets at least one. */
const KIND_SHARES: readonly (readonly [CommunityKind, number])[] = [
  ['community_of_practice', 0.34],
  ['interest_group', 0.24],
  ['microcommunity', 0.16],
  ['team', 0.14],
  ['change_network', 0.12],
];

/** About 12 for 200 people, 30 for 2,000 and 60 for 100,000; at least one of each kind. */
export function communityCount(people: number): number {
  if (people < 200) return Math.max(KIND_SHARES.length, Math.round(12 * Math.sqrt(people / 200)));
  return Math.min(60, Math.round(12 + 18 * Math.log10(people / 200)));
}

export function chooseCommunities(rng: Rng, people: readonly Person[], demo: Person): Choice[] {
  const count = communityCount(people.length);
  const quotas = splitByShare(count);
  const sites = siteOrder(people, demo.location);
  const candidates: Record<CommunityKind, Choice[]> = {
    community_of_practice: practices(demo),
    interest_group: expandPerSite(CLUBS, sites),
    microcommunity: expandPerSite(CIRCLES, sites),
    change_network: CHANGE_NETWORKS.map((t) => fromTemplate(t, null)),
    team: teams(rng, people, demo),
  };
  // Kinds with too few candidates hand their share to the clubs and circles, which have one per site.
  let spare = 0;
  for (const [kind] of KIND_SHARES) {
    const short = Math.max(0, quotas[kind] - candidates[kind].length);
    quotas[kind] -= short;
    spare += short;
  }
  for (const kind of ['interest_group', 'microcommunity'] as const) {
    const extra = Math.min(spare, candidates[kind].length - quotas[kind]);
    quotas[kind] += extra;
    spare -= extra;
  }
  const chosen = KIND_SHARES.flatMap(([kind]) => candidates[kind].slice(0, quotas[kind]));
  markDemo(chosen);
  return chosen;
}

function splitByShare(count: number): Record<CommunityKind, number> {
  const exact = KIND_SHARES.map(([, share]) => Math.max(1, count * share));
  const quotas = roundToTotal(exact, count);
  return Object.fromEntries(KIND_SHARES.map(([kind], i) => [kind, quotas[i] as number])) as Record<
    CommunityKind,
    number
  >;
}

/** The demo user's site first, then the biggest; sites with too few people for a club are left out. */
function siteOrder(people: readonly Person[], home: string): string[] {
  const headcount = new Map<string, number>();
  for (const p of people) headcount.set(p.location, (headcount.get(p.location) ?? 0) + 1);
  const others = [...SITES]
    .sort((a, b) => b.weight - a.weight)
    .map((s) => s.city)
    .filter((city) => city !== home && (headcount.get(city) ?? 0) >= 8);
  return [home, ...others];
}

/** Practices that fit the demo user's skills first, so they have one to lead and one to be suggested. */
function practices(demo: Person): Choice[] {
  const fits = (t: CommunityTemplate) => t.skills?.some((s) => demo.skills.includes(s)) ?? false;
  const ordered = [...PRACTICES.filter(fits), ...PRACTICES.filter((t) => !fits(t))];
  return ordered.map((t) => fromTemplate(t, null));
}

/** Every template once (per-site ones at the first site), then the per-site ones at each further site. */
function expandPerSite(templates: readonly CommunityTemplate[], sites: readonly string[]): Choice[] {
  const first = templates.map((t) => fromTemplate(t, t.perSite ? (sites[0] as string) : null));
  const more = sites
    .slice(1)
    .flatMap((site) => templates.filter((t) => t.perSite).map((t) => fromTemplate(t, site)));
  return [...first, ...more];
}

function fromTemplate(t: CommunityTemplate, site: string | null): Choice {
  const fill = (text: string) => (site ? text.replaceAll('{site}', site) : text);
  return {
    name: fill(t.name),
    kind: t.kind,
    purpose: fill(t.purpose),
    objectives: t.objectives.map(fill),
    visibility: t.visibility,
    tone: t.kind === 'change_network' ? 'change' : t.kind === 'community_of_practice' ? 'work' : 'social',
    topics: t.topics,
    site,
    affinity: affinityOf(t, site),
  };
}

function affinityOf(t: CommunityTemplate, site: string | null): (p: Person) => number {
  const skills = new Set(t.skills ?? []);
  const departments = new Set(t.departments ?? []);
  const broad = !t.skills && !t.departments && !t.interests && !t.titles;
  // Who joins without a visible reason: many for a club or a company-wide change, few for a practice.
  const outsider = broad ? 1 : t.kind === 'interest_group' || t.kind === 'change_network' ? 0.15 : 0.02;
  const interests = t.interests ?? [];
  const titleWord = t.titles ? new RegExp(`\\b(${t.titles.join('|')})\\b`) : null;
  return (p) => {
    if (site !== null && p.location !== site) return 0;
    let w = 0;
    for (const s of p.skills) if (skills.has(s)) w += 2;
    if (departments.has(p.department)) w += 1;
    if (interests.some((i) => p.bio.includes(i))) w += 6;
    if (titleWord?.test(p.title)) w += 3;
    if (site !== null) return w + 1; // a site club: everyone on site may come
    return w > 0 ? w : outsider;
  };
}

/** A team per first-line manager, spread over departments, never the demo user's own. */
function teams(rng: Rng, people: readonly Person[], demo: Person): Choice[] {
  const reports = new Map<string, Person[]>();
  for (const p of people) {
    if (!p.managerId) continue;
    const list = reports.get(p.managerId) ?? [];
    list.push(p);
    reports.set(p.managerId, list);
  }
  const firstLine = (p: Person) => {
    const team = reports.get(p.id) ?? [];
    return p.id !== demo.id && team.length >= 3 && team.every((r) => !reports.has(r.id));
  };
  const byDepartment = new Map<string, Person[]>();
  for (const p of shuffle(rng, people.filter(firstLine))) {
    const list = byDepartment.get(p.department) ?? [];
    list.push(p);
    byDepartment.set(p.department, list);
  }
  const choices: Choice[] = [];
  const departments = Object.keys(TEAM_NAMES);
  for (let round = 0; ; round++) {
    let added = false;
    for (const department of departments) {
      const name = TEAM_NAMES[department]?.[round];
      const manager = byDepartment.get(department)?.[round];
      if (!name || !manager) continue;
      choices.push(
        teamChoice(name, manager, reports.get(manager.id) ?? [], rng.chance(0.7) ? 'private' : 'open'),
      );
      added = true;
    }
    if (!added) return choices;
  }
}

function teamChoice(
  name: string,
  manager: Person,
  members: readonly Person[],
  visibility: CommunityVisibility,
): Choice {
  return {
    name: `${name} team`,
    kind: 'team',
    purpose: `The ${name} team in ${manager.department}, around ${manager.name}: day-to-day questions, decisions, who is where, and news worth keeping.`,
    objectives: TEAM_OBJECTIVES,
    visibility,
    tone: 'work',
    topics: [
      `${name.toLowerCase()} roadmap`,
      'the sprint review',
      'on-call',
      'the team offsite',
      'hiring',
      'the quarterly plan',
      'onboarding',
      'our retro',
    ],
    site: null,
    affinity: (p) => (p.id === manager.id || p.managerId === manager.id ? 1 : 0),
    team: { managerId: manager.id, memberIds: members.map((m) => m.id) },
  };
}

/**
 * The demo user leads the first practice (their best fit), belongs to the first circle, club and change
 * network, and has not joined the second practice that fits their skills: a suggestion waiting to be made.
 */
function markDemo(chosen: Choice[]) {
  const first = (kind: CommunityKind, nth = 0) => chosen.filter((c) => c.kind === kind)[nth];
  const leads = first('community_of_practice');
  if (leads) {
    leads.demo = 'leads';
    leads.visibility = 'request'; // so that requests wait for the demo user to decide
  }
  const suggested = first('community_of_practice', 1);
  if (suggested) suggested.demo = 'suggested';
  for (const kind of ['microcommunity', 'interest_group', 'change_network'] as const) {
    const member = first(kind);
    if (member) member.demo = 'member';
  }
}
