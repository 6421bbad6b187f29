export interface BackoffOptions {
  baseMs?: number;
  maxMs?: number;
  random?: () => number;
}

/** Exponential backoff with jitter: attempt 0 waits about baseMs, doubling up to maxMs, each scaled by 0.5–1. */
export function backoffDelay(
  attempt: number,
  { baseMs = 1000, maxMs = 5 * 60_000, random = Math.random }: BackoffOptions = {},
) {
  const ceiling = Math.min(maxMs, baseMs * 2 ** Math.min(attempt, 30));
  return Math.round(ceiling * (0.5 + random() * 0.5));
}
