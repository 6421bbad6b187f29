import type { Kysely } from 'kysely';
import type { ServerDb } from '../db/schema.ts';
import { sweepExpiredSessions } from '../repos/sessions.repo.ts';

/** How often expired session tokens are deleted, besides on every sign-in. */
export const SESSION_SWEEP_INTERVAL_MS = 60 * 60 * 1000;

export interface SessionSweeper {
  /** Stops the timer; resolves once a sweep under way has ended (the database may then close). */
  stop(): Promise<void>;
}

/** Deletes expired session tokens on a timer, so a server nobody signs in to does not keep them forever. */
export function startSessionSweeper(
  db: Kysely<ServerDb>,
  {
    intervalMs = SESSION_SWEEP_INTERVAL_MS,
    onError,
  }: { intervalMs?: number; onError: (err: unknown) => void },
): SessionSweeper {
  let running: Promise<unknown> | undefined;
  const timer = setInterval(() => {
    // One sweep at a time: a slow database does not pile them up.
    running ??= sweepExpiredSessions(db)
      .catch(onError)
      .finally(() => (running = undefined));
  }, intervalMs);
  timer.unref();
  return {
    stop: async () => {
      clearInterval(timer);
      await running;
    },
  };
}
