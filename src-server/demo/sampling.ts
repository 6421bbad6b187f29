import type { Rng } from './prng.ts';

/** Random draws the community generator needs beyond prng.ts, all from the seeded generator. */

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;
export const WEEK = 7 * DAY;

/** A version-4 UUID drawn from the seeded generator, so ids repeat with the seed (and pass z.uuid()). */
export function drawUuid(rng: Rng): string {
  const hex = (bits: number, digits: number) =>
    Math.floor(rng.next() * 2 ** bits)
      .toString(16)
      .padStart(digits, '0');
  const variant = (8 + rng.int(0, 3)).toString(16);
  return `${hex(32, 8)}-${hex(16, 4)}-4${hex(12, 3)}-${variant}${hex(12, 3)}-${hex(24, 6)}${hex(24, 6)}`;
}

/** A standard normal draw (Box–Muller). */
export function drawNormal(rng: Rng): number {
  const u = 1 - rng.next(); // (0, 1]: log(0) would be -Infinity
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng.next());
}

/** How many events of a Poisson process with mean `mean` happen: exact below 30, normal above. */
export function drawPoisson(rng: Rng, mean: number): number {
  if (mean <= 0) return 0;
  if (mean > 30) return Math.max(0, Math.round(mean + Math.sqrt(mean) * drawNormal(rng)));
  const limit = Math.exp(-mean);
  let k = 0;
  for (let p = rng.next(); p > limit; p *= rng.next()) k++;
  return k;
}

/** A waiting time with the given median: log-normal, so most are short and a few take days. */
export function drawDelay(rng: Rng, median: number, spread = 1.1): number {
  return median * Math.exp(spread * drawNormal(rng));
}

export function shuffle<T>(rng: Rng, items: readonly T[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = rng.int(0, i);
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

/**
 * `count` distinct items, each more likely the higher its weight (Efraimidis–Spirakis keys), in the order
 * drawn: the first ones are the strongest fits. Items of weight 0 are never drawn. A bounded heap in typed
 * arrays keeps a draw of a few thousand among 100,000 people cheap.
 */
export function sampleWeighted<T>(
  rng: Rng,
  items: readonly T[],
  weight: (item: T, index: number) => number,
  count: number,
): T[] {
  const size = Math.min(count, items.length);
  if (size <= 0) return [];
  // A max-heap on key of the best `size` so far: its root is the first to go.
  const keys = new Float64Array(size);
  const indexes = new Int32Array(size);
  let filled = 0;
  const swap = (i: number, j: number) => {
    [keys[i], keys[j]] = [keys[j] as number, keys[i] as number];
    [indexes[i], indexes[j]] = [indexes[j] as number, indexes[i] as number];
  };
  for (let index = 0; index < items.length; index++) {
    const w = weight(items[index] as T, index);
    if (w <= 0) continue;
    const key = -Math.log(1 - rng.next()) / w;
    if (filled < size) {
      keys[filled] = key;
      indexes[filled] = index;
      for (
        let i = filled++, up = (i - 1) >> 1;
        i > 0 && (keys[up] as number) < (keys[i] as number);
        i = up, up = (i - 1) >> 1
      )
        swap(i, up);
    } else if (key < (keys[0] as number)) {
      keys[0] = key;
      indexes[0] = index;
      for (let i = 0; ;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let top = i;
        if (l < size && (keys[l] as number) > (keys[top] as number)) top = l;
        if (r < size && (keys[r] as number) > (keys[top] as number)) top = r;
        if (top === i) break;
        swap(i, top);
        i = top;
      }
    }
  }
  return Array.from({ length: filled }, (_, i) => i)
    .sort((a, b) => (keys[a] as number) - (keys[b] as number))
    .map((i) => items[indexes[i] as number] as T);
}

/** How many of `sorted` (ascending) are at most `limit`. */
export function countAtMost(sorted: readonly number[], limit: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((sorted[mid] as number) <= limit) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Rounds shares down to integers that add up to `total`, giving the units left over to the largest
 * remainders (ties to the earlier share).
 */
export function roundToTotal(exact: readonly number[], total: number): number[] {
  const shares = exact.map(Math.floor);
  let left = total - shares.reduce((a, b) => a + b, 0);
  const byRemainder = exact.map((x, i) => [x - Math.floor(x), i] as const).sort((a, b) => b[0] - a[0]);
  for (const [, i] of byRemainder) {
    if (left-- <= 0) break;
    shares[i] = (shares[i] as number) + 1;
  }
  return shares;
}
