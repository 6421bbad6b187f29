import type { Introductions, IntroPath } from '#shared/domain/graph';
import { KithError } from '#shared/errors';
import type { RawReadDb } from '#shared/node/open-database';
import { findPersonSummaries } from '../directory/directory.repo.ts';
import type { LocalDb } from '../store/local-db.ts';
import { findCoMemberHops, findHops, findOwnHops, reverseHop, type Hop } from './neighbours.repo.ts';
import { tieWeight } from './tie-strength.ts';

/** Paths have at most this many people between you and the target. */
export const MAX_INTERMEDIARIES = 3;
export const MAX_PATHS = 3;

/** The best way from a person to the target: the product of tie weights, and the tie towards the target. */
interface Toward {
  score: number;
  /** The tie towards the target, and the entry of the person it leads to; null at the target itself. */
  hop: Hop | null;
  next: Toward | null;
}

/**
 * "Who can introduce me to X": searches back from X, layer by layer (through shared connections and
 * reporting lines; co-membership of small communities on X's own layer), for everyone within
 * MAX_INTERMEDIARIES ties, keeping each person's best path to X. Then each person you know (your
 * connections, your manager and reports, people who shared that they know you, co-members of your small
 * communities) is a candidate to ask: the tie to them times their best path. The best MAX_PATHS, each
 * through a different first person.
 */
export async function findIntroductions(
  db: RawReadDb<LocalDb>,
  egoId: string,
  targetId: string,
): Promise<Introductions> {
  if (targetId === egoId)
    throw new KithError('invalid_input', 'You cannot ask for an introduction to yourself');
  const target = await findTarget(db, targetId);
  const firstHops = bestPerPerson(await findOwnHops(db, egoId));
  const direct = firstHops.get(targetId)?.via === 'connection' || isReportingLine(firstHops.get(targetId));
  if (direct) return { target, direct, paths: [] };
  const toward = await searchBackFrom(db, targetId, egoId);

  // The target may be a first person too (both in a small community; they shared that they know you).
  const candidates: { ask: string; hops: Hop[]; score: number }[] = [];
  for (const [id, first] of firstHops) {
    const rest = toward.get(id);
    if (rest)
      candidates.push({
        ask: id,
        hops: [first, ...hopsOf(rest)],
        score: tieWeight(first.strength) * rest.score,
      });
  }
  candidates.sort((a, b) => b.score - a.score || a.hops.length - b.hops.length || a.ask.localeCompare(b.ask));
  const best = candidates.slice(0, MAX_PATHS);

  const people = await findPersonSummaries(
    db,
    best.flatMap((c) => c.hops.map((h) => h.to)),
  );
  const paths = best.flatMap(({ ask, hops, score }): IntroPath[] => {
    const steps = hops.flatMap((h) => {
      const person = people.get(h.to);
      return person ? [{ person, via: h.via, communityName: h.community, strength: h.strength }] : [];
    });
    const asked = people.get(ask);
    // A person on the path who has left the directory since: no path through them.
    return asked && steps.length === hops.length ? [{ ask: asked, steps, score }] : [];
  });
  return { target, direct, paths };
}

async function findTarget(db: RawReadDb<LocalDb>, targetId: string) {
  const target = (await findPersonSummaries(db, [targetId])).get(targetId);
  if (!target) throw new KithError('not_found', `No colleague with id ${targetId} in the directory`);
  return target;
}

function isReportingLine(hop: Hop | undefined) {
  return hop?.via === 'reports_to' || hop?.via === 'manages';
}

/** Each person's strongest tie among `hops` (all from the same person). */
function bestPerPerson(hops: readonly Hop[]): Map<string, Hop> {
  const best = new Map<string, Hop>();
  for (const hop of hops) {
    const known = best.get(hop.to);
    if (!known || hop.strength > known.strength) best.set(hop.to, hop);
  }
  return best;
}

/**
 * Best paths back from the target, one layer of ties at a time: each person reached with a better score than
 * before gets a new entry pointing at an entry of the previous layer (never a later one), so a path never
 * grows past MAX_INTERMEDIARIES ties however the scores compare. Returns each person's best entry.
 */
async function searchBackFrom(db: RawReadDb<LocalDb>, targetId: string, egoId: string) {
  const best = new Map<string, Toward>([[targetId, { score: 1, hop: null, next: null }]]);
  let previous = new Map(best);
  for (let k = 1; k <= MAX_INTERMEDIARIES && previous.size > 0; k++) {
    const hops = await findHops(db, new Set(previous.keys()));
    if (k === 1) hops.push(...(await findCoMemberHops(db, targetId)));
    const layer = new Map<string, Toward>();
    for (const hop of hops) {
      // hop: someone in the previous layer knows hop.to; seen from hop.to, that is the way towards the target.
      const from = previous.get(hop.from);
      if (!from || hop.to === egoId || hop.to === targetId) continue;
      const score = tieWeight(hop.strength) * from.score;
      if ((best.get(hop.to)?.score ?? 0) >= score) continue;
      const entry = { score, hop: reverseHop(hop), next: from };
      best.set(hop.to, entry);
      layer.set(hop.to, entry);
    }
    previous = layer;
  }
  return best;
}

/** The ties of a path, in order from its first person to the target. */
function hopsOf(entry: Toward): Hop[] {
  const hops: Hop[] = [];
  for (let at: Toward | null = entry; at?.hop; at = at.next) hops.push(at.hop);
  return hops;
}
