import { request as httpRequest, type ClientRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { SYNC_EVENT_CHANGED, SYNC_EVENTS_CONTENT_TYPE } from '#shared/wire/sync-events';
import { backoffDelay, type BackoffOptions } from './backoff.ts';

/** The server sends a comment every 25 s: a stream silent for this long is dead (a laptop that slept). */
const SILENCE_MS = 60_000;

export interface EventStreamTarget {
  url: string;
  /** Read at each (re)connect: the access token may have been refreshed since the last one. */
  headers: () => Record<string, string>;
}

export interface ChangeEventsOptions {
  target: EventStreamTarget;
  /** The stream (re)opened, or the server said this user's view changed: pull soon. */
  onChanged: () => void;
  retry?: BackoffOptions;
}

/**
 * Listens to GET /v1/sync/events and reconnects with backoff and jitter when it drops or goes silent.
 * node:http rather than fetch: aborting a fetch body leaves undici opening an idle connection that holds up
 * the server's close. Opening (or reopening) the stream counts as a change: writes may have landed while
 * it was down, and it is also how a client notices the network is back.
 */
export function createChangeEvents({ target, onChanged, retry }: ChangeEventsOptions) {
  let stopped = true;
  let current: ClientRequest | null = null;
  let timer: NodeJS.Timeout | undefined;
  let failures = 0;

  function connect() {
    if (stopped) return;
    const url = new URL(target.url);
    const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
    const request = send(url, {
      headers: { ...target.headers(), accept: SYNC_EVENTS_CONTENT_TYPE },
      agent: false,
    });
    current = request;
    let ended = false;
    const end = () => {
      if (ended) return;
      ended = true;
      request.destroy();
      if (current !== request) return; // replaced by reconnect()
      current = null;
      if (!stopped) timer = setTimeout(connect, backoffDelay(failures++, retry));
    };
    request.setTimeout(SILENCE_MS, end);
    request.on('error', end);
    request.on('close', end);
    request.on('response', (response) => {
      if (response.statusCode !== 200) {
        response.resume(); // a 401 is for the sync engine's own requests to report
        end();
        return;
      }
      failures = 0;
      onChanged();
      readEvents(response, (event) => {
        if (event === SYNC_EVENT_CHANGED) onChanged();
      });
      response.on('end', end);
      response.on('error', end);
    });
    request.end();
  }

  return {
    start() {
      if (!stopped) return;
      stopped = false;
      connect();
    },
    /**
     * The computer woke or the network came back: a stream that looks open may be dead, and a reconnect may
     * be waiting out its backoff. Open a fresh one now (its opening asks for a pull).
     */
    reconnect() {
      if (stopped) return;
      clearTimeout(timer);
      failures = 0;
      const stale = current;
      current = null;
      stale?.destroy(); // its 'close' handler sees it is no longer current and schedules nothing
      connect();
    },
    stop() {
      stopped = true;
      clearTimeout(timer);
      current?.destroy();
      current = null;
    },
  };
}
export type ChangeEvents = ReturnType<typeof createChangeEvents>;

/** Calls `onEvent` with each event's name (comments and data-only messages are ignored). */
function readEvents(response: IncomingMessage, onEvent: (name: string) => void) {
  response.setEncoding('utf8');
  let buffer = '';
  response.on('data', (chunk: string) => {
    buffer += chunk.replace(/\r\n?/g, '\n');
    for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const name = block
        .split('\n')
        .find((line) => line.startsWith('event:'))
        ?.slice('event:'.length)
        .trim();
      if (name) onEvent(name);
    }
  });
}
