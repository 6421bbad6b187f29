/**
 * A tiny seeded PRNG (mulberry32) for the graph modules: clusters and layouts must give the same result for
 * the same graph and seed, in the renderer, in a worker and in Node tests alike.
 */
export type RandomSource = () => number;

/** A float source in [0, 1): the same seed gives the same sequence on every machine. */
export function createMulberry32(seed: number): RandomSource {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A 32-bit hash of a string (FNV-1a), to derive per-node seeds that do not depend on iteration order. */
export function hashString(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}
