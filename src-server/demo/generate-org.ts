import type { Person } from '#shared/domain/person';
import { FIRST_NAMES, INTERESTS, LAST_NAMES, SITES, type Site } from './org-data.ts';
import { layOutOrg, type Slot } from './org-tree.ts';
import { createRng, type Rng } from './prng.ts';

export const ORG_SIZES = { S: 200, M: 2000, L: 100_000 } as const;
export type OrgSize = keyof typeof ORG_SIZES | number;

export interface DemoOrgOptions {
  size: OrgSize;
  seed?: number;
}

export interface DemoOrg {
  /** CEO first; every manager comes before their reports. */
  people: Person[];
  /** Whom the demo signs in as: an engineering manager in Lyon, with a manager and reports. */
  demoUserId: string;
}

export const DEFAULT_DEMO_SEED = 1;

export function resolveOrgSize(size: OrgSize): number {
  const n = typeof size === 'number' ? size : ORG_SIZES[size];
  if (!Number.isInteger(n) || n < 1)
    throw new RangeError(`A demo org needs a whole number of people ≥ 1, not ${n}`);
  return n;
}

/** Generates a realistic org; the same size and seed always give the same people. */
export function generateOrg({ size, seed = DEFAULT_DEMO_SEED }: DemoOrgOptions): DemoOrg {
  const n = resolveOrgSize(size);
  const rng = createRng(seed);
  const slots = layOutOrg(n, rng);
  const demoIndex = chooseDemoUser(slots);
  const width = Math.max(6, String(n).length);
  const idOf = (i: number) => `p${String(i + 1).padStart(width, '0')}`;
  const emails = new Map<string, number>();

  const people = slots.map((slot, i): Person => {
    const first = rng.pick(FIRST_NAMES);
    const last = rng.pick(LAST_NAMES);
    const title = titleOf(slot, rng);
    const skills = pickSkills(slot, rng);
    return {
      id: idOf(i),
      email: uniqueEmail(emails, first, last),
      name: `${first} ${last}`,
      title,
      department: slot.department.name,
      location: slot.site.city,
      managerId: slot.managerIndex === null ? null : idOf(slot.managerIndex),
      skills,
      bio: writeBio(slot, title, skills, rng),
      timezone: slot.site.timezone,
      // A few leavers, never a manager (their team would be orphaned) nor the demo user.
      active: slot.height > 0 || i === demoIndex || !rng.chance(0.03),
    };
  });
  return { people, demoUserId: idOf(demoIndex) };
}

function chooseDemoUser(slots: Slot[]): number {
  const lyon = SITES.find((s) => s.city === 'Lyon') as Site;
  const isEngManager = (s: Slot) => s.department.name === 'Engineering' && s.height === 1 && s.depth > 1;
  const inLyon = slots.findIndex((s) => isEngManager(s) && s.site === lyon);
  if (inLyon >= 0) return inLyon;
  const anywhere = slots.findIndex(isEngManager);
  if (anywhere >= 0) {
    (slots[anywhere] as Slot).site = lyon; // small orgs: move one engineering manager to Lyon
    return anywhere;
  }
  const withBoth = slots.findIndex((s) => s.managerIndex !== null && s.reports > 0);
  return withBoth >= 0 ? withBoth : 0;
}

function titleOf(slot: Slot, rng: Rng): string {
  const { area, roles } = slot.department;
  if (slot.depth === 0) return 'Chief Executive Officer';
  if (slot.depth === 1) return `VP of ${area}`;
  if (slot.height >= 3) return `Senior Director of ${area}`;
  if (slot.height === 2) return `Director of ${area}`;
  if (slot.height === 1) return `${area} Manager`;
  const role = rng.pick(roles);
  if (slot.staff) return `Lead ${role}`;
  const level = rng.next();
  return level < 0.3 ? `Senior ${role}` : level < 0.8 ? role : `Associate ${role}`;
}

function pickSkills(slot: Slot, rng: Rng): string[] {
  const pool = slot.department.skills;
  const wanted = Math.min(pool.length, rng.int(2, 6));
  const skills = new Set<string>();
  while (skills.size < wanted) skills.add(rng.pick(pool));
  return [...skills];
}

function writeBio(slot: Slot, title: string, skills: string[], rng: Rng): string {
  const [first, second = first] = skills;
  const interest = rng.pick(INTERESTS);
  const since = rng.int(2012, 2025);
  switch (rng.int(0, 2)) {
    case 0:
      return `${title} based in ${slot.site.city}. Works mostly on ${first} and ${second}; outside work, ${interest}.`;
    case 1:
      return `Joined ${slot.department.name} in ${since}. Happy to talk about ${first}, ${second} or ${interest}.`;
    default:
      return `${slot.site.city}-based, into ${first}. Ask me about ${interest}.`;
  }
}

/** Names come from short lists, so each is folded to ASCII once. */
const emailParts = new Map<string, string>();
function emailPart(name: string): string {
  let part = emailParts.get(name);
  if (part === undefined) {
    part = name
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9-]/g, '');
    emailParts.set(name, part);
  }
  return part;
}

/** first.last@example.com, then first.last2@…, first.last3@… for namesakes. */
function uniqueEmail(seen: Map<string, number>, first: string, last: string): string {
  const base = `${emailPart(first)}.${emailPart(last)}`;
  const n = (seen.get(base) ?? 0) + 1;
  seen.set(base, n);
  return `${n === 1 ? base : `${base}${n}`}@example.com`;
}
