/**
 * Network-back detection for a host without an 'online' event (Electron's main process): polls the host's
 * "is the network up" probe and reports each offline → online transition, so sync pulls as soon as it can
 * instead of waiting for its next interval or retry.
 */

/** Often enough that a pull follows a reconnect within seconds; the probe itself is a cheap OS query. */
export const ONLINE_POLL_MS = 12_000;

export interface OnlineWatchOptions {
  /** The host's probe (Electron: net.isOnline()); false is a strong signal, true only a hint. */
  isOnline: () => boolean;
  /** Called once per offline → online transition, never at start. */
  onBackOnline: () => void;
  intervalMs?: number;
}

export interface OnlineWatch {
  start(): void;
  stop(): void;
}

export function createOnlineWatch(options: OnlineWatchOptions): OnlineWatch {
  const intervalMs = options.intervalMs ?? ONLINE_POLL_MS;
  let timer: NodeJS.Timeout | null = null;
  let wasOnline = true;

  function poll(): void {
    const online = options.isOnline();
    if (online && !wasOnline) options.onBackOnline();
    wasOnline = online;
  }

  return {
    start() {
      if (timer) return;
      wasOnline = options.isOnline();
      timer = setInterval(poll, intervalMs);
      timer.unref();
    },
    stop() {
      if (timer) clearInterval(timer);
      timer = null;
    },
  };
}
