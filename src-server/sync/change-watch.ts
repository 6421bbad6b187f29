import type { ChangeAnnouncer } from './change-announcer.ts';

export interface ChangeWatch {
  stop(): void;
}

/** How often a server looks for writes committed by another process. */
export const CHANGE_WATCH_INTERVAL_MS = 500;

/**
 * Announces writes that another process committed to the same database (the admin CLI's import-people, a
 * script): their writers cannot reach this process's hub, so the server asks the announcer to look every
 * `intervalMs`. A pass with nothing new reads one row (the change sequence's head) and publishes nothing.
 * With PostgreSQL, LISTEN/NOTIFY will carry such notices instead.
 */
export function startChangeWatch(
  announcer: ChangeAnnouncer,
  {
    intervalMs = CHANGE_WATCH_INTERVAL_MS,
    onError,
  }: { intervalMs?: number; onError?: (err: unknown) => void } = {},
): ChangeWatch {
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    announcer
      .announce()
      .catch((err: unknown) => onError?.(err))
      .finally(() => (running = false));
  }, intervalMs);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
