import { DEPARTMENTS, SITES, type Department, type Site } from './org-data.ts';
import type { Rng } from './prng.ts';
import { roundToTotal } from './sampling.ts';

/** A position in the generated org before it gets a name: who it reports to, where, in which department. */
export interface Slot {
  managerIndex: number | null;
  department: Department;
  site: Site;
  /** 0 for the CEO, 1 for VPs, … */
  depth: number;
  /** 0 for individual contributors; 1 for managers of ICs; 2+ for managers of managers. */
  height: number;
  reports: number;
  /** An IC reporting straight to a director or VP. */
  staff: boolean;
}

/** Up to this many, a boss's whole subtree reports to them directly. */
const MAX_SPAN = 12;
/** The fewest direct reports a manager of managers gets, topped up with senior ICs. */
const MIN_SPAN = 5;
/** Up to ~10 managers each with ~9 ICs: one layer of managers suffices. */
const ONE_LAYER_MAX = 88;

const CEO_DEPARTMENT = DEPARTMENTS.find((d) => d.name === 'Operations') ?? (DEPARTMENTS[0] as Department);
const CEO_SITE = SITES.find((s) => s.city === 'Paris') ?? (SITES[0] as Site);

/**
 * Lays out `n` slots as one reporting tree: a CEO, a VP per department, then layers of directors and
 * managers with spans of about 5–10. Slots are created parent first, so a manager's index is always lower.
 */
export function layOutOrg(n: number, rng: Rng): Slot[] {
  const slots: Slot[] = [];
  const add = (managerIndex: number | null, department: Department, site: Site, staff = false) => {
    const depth = managerIndex === null ? 0 : (slots[managerIndex] as Slot).depth + 1;
    slots.push({ managerIndex, department, site, depth, height: 0, reports: 0, staff });
    return slots.length - 1;
  };
  const siteUnder = (managerIndex: number, keep: number) =>
    rng.chance(keep) ? (slots[managerIndex] as Slot).site : rng.weighted(SITES, (s) => s.weight);

  const fill = (boss: number, count: number) => {
    const department = (slots[boss] as Slot).department;
    if (count <= MAX_SPAN) {
      for (let i = 0; i < count; i++) add(boss, department, siteUnder(boss, 0.8));
      return;
    }
    const managers = count <= ONE_LAYER_MAX ? Math.ceil(count / 9) : rng.int(5, 8);
    const staff = count <= ONE_LAYER_MAX ? Math.max(0, Math.min(3, MIN_SPAN - managers)) : rng.int(0, 2);
    for (let i = 0; i < staff; i++) add(boss, department, siteUnder(boss, 0.7), true);
    const shares = split(count - managers - staff, managers, rng, count > ONE_LAYER_MAX);
    for (const share of shares) fill(add(boss, department, siteUnder(boss, 0.6)), share);
  };

  const ceo = add(null, CEO_DEPARTMENT, CEO_SITE);
  const headcounts = split(
    n - 1,
    DEPARTMENTS.length,
    rng,
    false,
    (i) => (DEPARTMENTS[i] as Department).weight,
  );
  headcounts.forEach((count, i) => {
    if (count === 0) return;
    const vp = add(
      ceo,
      DEPARTMENTS[i] as Department,
      rng.weighted(SITES, (s) => s.weight),
    );
    fill(vp, count - 1);
  });

  for (let i = slots.length - 1; i > 0; i--) {
    const slot = slots[i] as Slot;
    const manager = slots[slot.managerIndex as number] as Slot;
    manager.height = Math.max(manager.height, slot.height + 1);
    manager.reports++;
  }
  return slots;
}

/**
 * Splits `total` into `parts` integers that add up to it: by weight (largest remainder), or evenly, with
 * some jitter when asked so sibling teams differ in size.
 */
function split(
  total: number,
  parts: number,
  rng: Rng,
  jitter: boolean,
  weight: (i: number) => number = () => (jitter ? 0.6 + rng.next() * 0.8 : 1),
): number[] {
  const weights = Array.from({ length: parts }, (_, i) => weight(i));
  const sum = weights.reduce((a, b) => a + b, 0);
  const exact = weights.map((w) => (total * w) / sum);
  return roundToTotal(exact, total);
}
