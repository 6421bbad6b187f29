import { PassThrough } from 'node:stream';
import { SYNC_EVENT_CHANGED } from '#shared/wire/sync-events';
import type { ChangeHub } from './change-hub.ts';

export interface ChangeStreamOptions {
  /** Changes within this window after the first one go out as one event. */
  coalesceMs: number;
  /** A comment line this often keeps proxies from closing an idle stream. */
  heartbeatMs: number;
  /** The reconnect delay the stream announces. */
  retryMs: number;
}

export const CHANGE_STREAM_DEFAULTS: ChangeStreamOptions = {
  coalesceMs: 100,
  heartbeatMs: 25_000,
  retryMs: 5_000,
};

export interface ChangeStream {
  /** The event-stream text, to send as the response body. */
  body: PassThrough;
  /** Call when the response has closed (the client left, or it ended): stops the timers, leaves the hub. */
  stop(): void;
}

/**
 * One person's server-sent-events stream: `event: changed` with the cursor at most once per coalescing
 * window, a heartbeat comment, and an end when the hub closes (server shutdown).
 */
export function openChangeStream(
  hub: ChangeHub,
  personId: string,
  options: ChangeStreamOptions,
): ChangeStream {
  const body = new PassThrough();
  let latest: number | undefined;
  let pending: NodeJS.Timeout | undefined;
  let stopped = () => {};
  const ended = new Promise<void>((resolve) => (stopped = resolve));

  const flush = () => {
    pending = undefined;
    if (latest !== undefined) body.write(`event: ${SYNC_EVENT_CHANGED}\ndata: ${latest}\n\n`);
    latest = undefined;
  };
  const heartbeat = setInterval(() => body.write(': keep-alive\n\n'), options.heartbeatMs);
  const stop = () => {
    clearInterval(heartbeat);
    clearTimeout(pending);
    pending = undefined;
    unsubscribe();
    stopped();
  };
  const unsubscribe = hub.subscribe(personId, {
    changed(cursor) {
      latest = Math.max(latest ?? 0, cursor);
      pending ??= setTimeout(flush, options.coalesceMs);
    },
    closed() {
      clearInterval(heartbeat);
      clearTimeout(pending);
      body.end();
      // Resolved by stop(), once the response has closed.
      return ended;
    },
  });
  body.write(`retry: ${options.retryMs}\n\n`);
  return { body, stop };
}
