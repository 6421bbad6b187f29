import type { Person } from '#shared/domain/person';
import type { DemoCommunities } from './generate-communities.ts';
import { DEPARTMENTS, SITES } from './org-data.ts';
import type { Rng } from './prng.ts';

/** The org as typed arrays of person indexes, so drawing a million connections stays cheap. */
export interface OrgIndex {
  people: readonly Person[];
  indexOf: ReadonlyMap<string, number>;
  active: Uint8Array;
  /** Every active person's index. */
  everyone: readonly number[];
  /** -1 for the CEO. */
  manager: Int32Array;
  reports: readonly (readonly number[])[];
  department: Uint8Array;
  /** Active people by department index (DEPARTMENTS order). */
  byDepartment: readonly (readonly number[])[];
  site: Uint8Array;
  bySite: readonly (readonly number[])[];
  /** 0 associate, 1 IC, 2 senior, 3 lead, 4+ managers (by how many layers they manage). */
  level: Uint8Array;
  /** Active people of level ≥ 2 by department: whom a mentor is drawn from. */
  seniorsByDepartment: readonly (readonly number[])[];
  /** The communities each person is an active member of, with when they joined. */
  memberOf: readonly (readonly CommunityMembership[])[];
  /** Active members by community index. */
  members: readonly (readonly number[])[];
  communityNames: readonly string[];
}

export interface CommunityMembership {
  community: number;
  joinedAt: number;
}

const NONE: readonly never[] = [];

export function indexOrg(people: readonly Person[], communities: DemoCommunities | null): OrgIndex {
  const n = people.length;
  const indexOf = new Map(people.map((p, i) => [p.id, i]));
  const departmentOf = new Map(DEPARTMENTS.map((d, i) => [d.name, i]));
  const siteOf = new Map(SITES.map((s, i) => [s.city, i]));
  const active = new Uint8Array(n);
  const manager = new Int32Array(n);
  const department = new Uint8Array(n);
  const site = new Uint8Array(n);
  const height = new Uint8Array(n);
  const reports: number[][] = Array.from({ length: n }, () => []);
  const everyone: number[] = [];
  const byDepartment: number[][] = DEPARTMENTS.map(() => []);
  const bySite: number[][] = SITES.map(() => []);
  people.forEach((p, i) => {
    active[i] = p.active ? 1 : 0;
    manager[i] = p.managerId === null ? -1 : (indexOf.get(p.managerId) ?? -1);
    department[i] = departmentOf.get(p.department) ?? 0;
    site[i] = siteOf.get(p.location) ?? 0;
    if (manager[i] >= 0) reports[manager[i] as number]?.push(i);
    if (!p.active) return;
    everyone.push(i);
    byDepartment[department[i] as number]?.push(i);
    bySite[site[i] as number]?.push(i);
  });
  // Managers come before their reports, so one backward pass sees every report's height first.
  for (let i = n - 1; i >= 0; i--) {
    const boss = manager[i] as number;
    if (boss >= 0) height[boss] = Math.max(height[boss] as number, (height[i] as number) + 1);
  }
  const level = new Uint8Array(n);
  const seniorsByDepartment: number[][] = DEPARTMENTS.map(() => []);
  people.forEach((p, i) => {
    level[i] = levelOf(p.title, height[i] as number);
    if (p.active && (level[i] as number) >= 2) seniorsByDepartment[department[i] as number]?.push(i);
  });

  const memberOf: CommunityMembership[][] = Array.from({ length: n }, () => []);
  const members: number[][] = [];
  const communityNames: string[] = [];
  if (communities) {
    const communityOf = new Map(communities.communities.map((c, i) => [c.id, i]));
    for (const c of communities.communities) {
      communityNames.push(c.name);
      members.push([]);
    }
    for (const m of communities.memberships) {
      const person = indexOf.get(m.person_id);
      const community = communityOf.get(m.community_id);
      if (m.status !== 'active' || m.deleted || person === undefined || community === undefined) continue;
      if (!active[person]) continue;
      memberOf[person]?.push({ community, joinedAt: m.joined_at ?? m.since });
      members[community]?.push(person);
    }
  }
  return {
    people,
    indexOf,
    active,
    everyone,
    manager,
    reports,
    department,
    byDepartment,
    site,
    bySite,
    level,
    seniorsByDepartment,
    memberOf,
    members,
    communityNames,
  };
}

function levelOf(title: string, height: number): number {
  if (height > 0) return 3 + height;
  if (title.startsWith('Lead ')) return 3;
  if (title.startsWith('Senior ')) return 2;
  if (title.startsWith('Associate ')) return 0;
  return 1;
}

/** Why two people know each other; it decides the kinds, the strength, the dates and how they met. */
export const Tie = {
  team: 0,
  department: 1,
  site: 2,
  community: 3,
  /** The other person is the owner's mentor. */
  mentor: 4,
  /** The other person is the owner's mentee. */
  mentee: 5,
  crossDepartment: 6,
} as const;
export type Tie = (typeof Tie)[keyof typeof Tie];

/** Set on an edge that must be shared: a demo neighbour's bridge into a department the demo user misses. */
export const FORCE_SHARED = 8;

/** The tie as the other side sees it. */
export function mirrorTie(tie: Tie): Tie {
  return tie === Tie.mentor ? Tie.mentee : tie === Tie.mentee ? Tie.mentor : tie;
}

/**
 * Directed edges, one list per owner, each packed as `target * 16 + code` (a Tie, maybe | FORCE_SHARED):
 * one number per connection, and sorting a list orders it by target.
 */
export class EdgeStore {
  readonly out: number[][];
  private count = 0;

  constructor(
    private readonly index: OrgIndex,
    /** Beyond this many, a person takes no more connections (the demo user's own are added unbounded). */
    readonly maxPerOwner: number,
  ) {
    this.out = Array.from({ length: index.people.length }, () => []);
  }

  get size() {
    return this.count;
  }

  has(owner: number, target: number): boolean {
    const list = this.out[owner] as number[];
    for (const packed of list) if (packed >> 4 === target) return true;
    return false;
  }

  degree(owner: number): number {
    return (this.out[owner] as number[]).length;
  }

  /** Adds owner → target unless it is a self-loop, a leaver, a duplicate or over the cap; returns whether it did. */
  add(owner: number, target: number, code: number, { uncapped = false } = {}): boolean {
    if (
      owner === target ||
      owner < 0 ||
      target < 0 ||
      !this.index.active[target] ||
      !this.index.active[owner]
    )
      return false;
    const list = this.out[owner] as number[];
    if ((!uncapped && list.length >= this.maxPerOwner) || this.has(owner, target)) return false;
    list.push(target * 16 + code);
    this.count++;
    return true;
  }
}

/** A random item of a list, or -1 when it is empty. */
export function pickIndex(rng: Rng, list: readonly number[] = NONE): number {
  return list.length === 0 ? -1 : (list[Math.floor(rng.next() * list.length)] as number);
}
