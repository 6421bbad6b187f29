import { SYNC_EVENTS_PATH } from '#shared/wire/sync-events';

export interface SseEvent {
  event: string;
  data: string;
  /** performance.now() when it was parsed. */
  at: number;
}

/** A server-sent-events reader on plain fetch: collects the events it receives until closed. */
export interface SseClient {
  events: SseEvent[];
  /** Resolves with the next event not yet taken, or rejects after `timeoutMs`. */
  next(timeoutMs?: number): Promise<SseEvent>;
  /** Resolves once the server ends the stream. */
  ended: Promise<void>;
  close(): void;
}

export async function openSse(url: string, token: string): Promise<SseClient> {
  const abort = new AbortController();
  const response = await fetch(`${url}${SYNC_EVENTS_PATH}`, {
    headers: { authorization: `Bearer ${token}`, accept: 'text/event-stream' },
    signal: abort.signal,
  });
  if (response.status !== 200 || !response.body) throw new Error(`Event stream: HTTP ${response.status}`);
  const events: SseEvent[] = [];
  let taken = 0;
  let wake = () => {};
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  const ended = (async () => {
    let buffer = '';
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return;
        buffer += value;
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const fields = new Map(
            block
              .split('\n')
              .filter((line) => !line.startsWith(':') && line.includes(':'))
              .map((line) => [
                line.slice(0, line.indexOf(':')),
                line.slice(line.indexOf(':') + 1).trimStart(),
              ]),
          );
          const data = fields.get('data');
          if (data !== undefined)
            events.push({ event: fields.get('event') ?? 'message', data, at: performance.now() });
          wake();
        }
      }
    } catch (err) {
      if (!abort.signal.aborted) throw err;
    }
  })();
  return {
    events,
    ended,
    next(timeoutMs = 1000) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`No event within ${timeoutMs} ms`)), timeoutMs);
        const check = () => {
          const event = events[taken];
          if (!event) return;
          taken++;
          clearTimeout(timer);
          resolve(event);
        };
        wake = check;
        check();
      });
    },
    close: () => abort.abort(),
  };
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
