import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import http from 'node:http';
import type { Person } from '#shared/domain/person';
import { AuthSession } from '#shared/wire/auth';
import { SYNC_EVENTS_PATH, SYNC_EVENT_CHANGED } from '#shared/wire/sync-events';
import { report } from './support/results.ts';
import { round } from './support/stats.ts';

interface Listener {
  request: http.ClientRequest;
  /** performance.now() of the first changed event, once one came. */
  changedAt?: number;
}

/**
 * One server process holding `connections` idle event streams (GET /v1/sync/events), each signed in as a
 * distinct demo person: the server's resident memory, and the time from one write that everyone must hear
 * about (a shared connection) to the last stream receiving its event. Closes every stream before it returns.
 */
export async function benchSse({
  serverUrl,
  serverPid,
  people,
  connections,
}: {
  serverUrl: string;
  /** The server's process (or the tsx wrapper that started it): its resident memory is read from /proc. */
  serverPid: number;
  people: readonly Person[];
  connections: number;
}) {
  // Only active people can sign in (a deactivated one is refused, as at a real company).
  const active = people.filter((p) => p.active).slice(0, connections);
  if (active.length < Math.max(2, connections))
    throw new Error(`benchSse needs ${connections} active people`);
  const tokens = await mapLimited(active, 16, (p) => signIn(serverUrl, p.email));
  // The writer (active[0]) listens too: a shared connection is everyone's news, its owner's included.
  const writer = tokens[0]!;
  const rssBefore = await readRssMb(serverPid);

  const listeners: Listener[] = [];
  try {
    const openStarted = performance.now();
    await mapLimited(tokens, 64, async (token) => listeners.push(await listen(serverUrl, token)));
    const openMs = performance.now() - openStarted;
    // Let the server settle (garbage, lazily allocated buffers) before reading its memory.
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const rss = await readRssMb(serverPid);

    const everyoneHeard = waitFor(() => listeners.every((l) => l.changedAt !== undefined), 10_000);
    const sent = performance.now();
    const response = await fetch(`${serverUrl}/v1/sync/push`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${writer}` },
      body: JSON.stringify({
        clientId: `sse-bench-${randomUUID()}`,
        mutations: [
          {
            type: 'connection.put',
            mutationId: 1,
            personId: active[1]!.id,
            // A fresh howMet: the write changes the row even when an earlier run already shared it.
            patch: {
              kinds: ['worked_with'],
              strength: 3,
              visibility: 'shared',
              howMet: `SSE bench ${Date.now()}`,
            },
          },
        ],
      }),
    });
    if (!response.ok) throw new Error(`Push: HTTP ${response.status}`);
    const answered = performance.now();
    await everyoneHeard;
    const times = listeners.map((l) => l.changedAt! - sent);
    report('sse.fanout', {
      connections,
      openMs: round(openMs),
      serverRssBeforeMb: round(rssBefore),
      serverRssMb: round(rss),
      pushMs: round(answered - sent),
      firstEventMs: round(Math.min(...times)),
      lastEventMs: round(Math.max(...times)),
      goals: { serverRssMb: 300, lastEventMs: 1000 },
    });
  } finally {
    for (const l of listeners) l.request.destroy();
  }
}

async function signIn(serverUrl: string, email: string): Promise<string> {
  const response = await fetch(`${serverUrl}/v1/demo/sessions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email }),
  });
  if (!response.ok) throw new Error(`Demo session for ${email}: HTTP ${response.status}`);
  return AuthSession.parse(await response.json()).accessToken;
}

/** Opens one stream on its own socket (no pool limit); resolves once the server has sent its first line. */
function listen(serverUrl: string, token: string): Promise<Listener> {
  return new Promise((resolve, reject) => {
    const request = http.get(`${serverUrl}${SYNC_EVENTS_PATH}`, {
      agent: false,
      headers: { authorization: `Bearer ${token}`, accept: 'text/event-stream' },
    });
    const listener: Listener = { request };
    request.once('error', reject);
    request.once('response', (response) => {
      if (response.statusCode !== 200) return reject(new Error(`Event stream: HTTP ${response.statusCode}`));
      response.setEncoding('utf8');
      response.once('data', () => resolve(listener));
      response.on('data', (text: string) => {
        if (listener.changedAt === undefined && text.includes(`event: ${SYNC_EVENT_CHANGED}`)) {
          listener.changedAt = performance.now();
        }
      });
      // Destroyed by the benchmark at the end.
      response.on('error', () => {});
    });
  });
}

/** VmRSS of the process or, for a wrapper such as tsx, of its largest descendant, in MB. */
async function readRssMb(pid: number): Promise<number> {
  const rss = async (p: number) => {
    const status = await readFile(`/proc/${p}/status`, 'utf8');
    return Number(/^VmRSS:\s+(\d+)\s+kB/m.exec(status)?.[1] ?? 0) / 1024;
  };
  const descendants = async (p: number): Promise<number[]> => {
    const children = (await readFile(`/proc/${p}/task/${p}/children`, 'utf8').catch(() => ''))
      .split(' ')
      .filter(Boolean)
      .map(Number);
    return [p, ...(await Promise.all(children.map(descendants))).flat()];
  };
  return Math.max(...(await Promise.all((await descendants(pid)).map(rss))));
}

async function mapLimited<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T) => Promise<R>,
): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

async function waitFor(done: () => boolean, timeoutMs: number) {
  const deadline = performance.now() + timeoutMs;
  while (!done()) {
    if (performance.now() > deadline)
      throw new Error(`Not every stream heard the change within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
}
