import type { ReachCount } from '#shared/domain/graph';

export type Reach = 'none' | 'few' | 'ok';

export interface ReachRow extends ReachCount {
  /** known / total, 0 when the org has nobody there. */
  share: number;
  reach: Reach;
}

/**
 * Ranks departments or sites by size and calls out the thin ones: where you know no one, or at most two
 * people and well under half the share of the org you know overall.
 */
export function rankReach(counts: readonly ReachCount[]): ReachRow[] {
  const known = counts.reduce((sum, c) => sum + c.known, 0);
  const total = counts.reduce((sum, c) => sum + c.total, 0);
  const overall = total > 0 ? known / total : 0;
  return counts
    .filter((c) => c.total > 0 || c.known > 0)
    .map((c) => {
      const share = c.total > 0 ? c.known / c.total : 0;
      let reach: Reach = 'ok';
      if (c.known === 0) reach = 'none';
      else if (c.known <= 2 && share < overall / 2) reach = 'few';
      return { ...c, share, reach };
    })
    .sort((a, b) => b.total - a.total || a.value.localeCompare(b.value));
}

/** "You know people in 5 of 8 departments; none in Finance and Legal." */
export function summarizeReach(rows: readonly ReachRow[], noun: { one: string; many: string }): string {
  const reached = rows.filter((r) => r.known > 0).length;
  const none = rows.filter((r) => r.reach === 'none').map((r) => r.value);
  const head = `You know people in ${reached} of ${rows.length} ${rows.length === 1 ? noun.one : noun.many}`;
  if (none.length === 0) return `${head}.`;
  return `${head}; no one yet in ${listInWords(none, 3)}.`;
}

/** "A, B and C", or "A, B, C and 4 more" past `max`. */
export function listInWords(items: readonly string[], max: number): string {
  if (items.length === 0) return '';
  const shown = items.slice(0, max);
  const rest = items.length - shown.length;
  if (rest > 0) return `${shown.join(', ')} and ${rest} more`;
  if (shown.length === 1) return shown[0] ?? '';
  return `${shown.slice(0, -1).join(', ')} and ${shown[shown.length - 1] ?? ''}`;
}
