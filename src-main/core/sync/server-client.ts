import type { z } from 'zod';
import { AuthSession, Me } from '#shared/wire/auth';
import { NotesKeyResponse, type WrappedNotesKey } from '#shared/wire/notes';
import { PushResponse, type PushRequest } from '#shared/wire/push';
import { BootstrapLine, CommunitySnapshot, PullPage, type BootstrapQuery } from '#shared/wire/sync';
import { SYNC_EVENTS_PATH } from '#shared/wire/sync-events';
import type { EventStreamTarget } from './change-events.ts';

/**
 * Why a request failed, as far as the sync engine cares: offline, server and protocol failures retry with
 * backoff; unauthorized ends the session; cursor_reset means the server no longer knows our cursor (its
 * data was restored or rebuilt) and the cache must bootstrap again; conflict: the request clashes with what
 * the server holds (a notes key another device set up).
 */
export type FailureKind = 'offline' | 'unauthorized' | 'server' | 'protocol' | 'cursor_reset' | 'conflict';

export class ServerError extends Error {
  override name = 'ServerError';
  constructor(
    readonly kind: FailureKind,
    message: string,
    options?: { cause?: unknown; status?: number },
  ) {
    super(message, options);
    this.status = options?.status ?? null;
  }
  /** The HTTP status the server answered, when it answered one. */
  readonly status: number | null;
}

export interface ServerClientOptions {
  serverUrl: string;
  token?: string;
  fetch?: typeof globalThis.fetch;
  /** A request (or a gap between two chunks of a stream) longer than this fails as offline. */
  timeoutMs?: number;
}

/** The REST backend as the core sees it: typed, validated, with failures sorted into kinds. */
export function createServerClient({
  serverUrl,
  token,
  fetch = globalThis.fetch,
  timeoutMs = 30_000,
}: ServerClientOptions) {
  const base = serverUrl.replace(/\/+$/, '');

  async function request(path: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    if (token) headers.set('authorization', `Bearer ${token}`);
    let response: Response;
    try {
      response = await fetch(`${base}${path}`, {
        ...init,
        headers,
        signal: init.signal ?? AbortSignal.timeout(timeoutMs),
      });
    } catch (err) {
      throw new ServerError('offline', `Can't reach ${base}: ${describeFetchError(err)}`, { cause: err });
    }
    if (response.ok) return response;
    const detail = await readErrorMessage(response);
    if (response.status === 401)
      throw new ServerError('unauthorized', detail ?? 'The server did not accept the sign-in');
    if (response.status === 410)
      throw new ServerError('cursor_reset', detail ?? 'The server no longer knows this cursor');
    if (response.status === 409)
      throw new ServerError('conflict', detail ?? 'The request clashes with what the server holds');
    throw new ServerError('server', `The server answered ${response.status}${detail ? `: ${detail}` : ''}`, {
      status: response.status,
    });
  }

  async function json<S extends z.ZodType>(
    schema: S,
    path: string,
    init?: RequestInit,
  ): Promise<z.output<S>> {
    const response = await request(path, init);
    let text: string;
    try {
      text = await response.text();
    } catch (err) {
      throw new ServerError('offline', `The server's reply to ${path} was cut off`, { cause: err });
    }
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch (err) {
      throw new ServerError('protocol', `The server's reply to ${path} is not JSON`, { cause: err });
    }
    const parsed = schema.safeParse(body);
    if (!parsed.success) {
      throw new ServerError(
        'protocol',
        `The server's reply to ${path} has an unexpected shape: ${parsed.error.issues[0]?.message}`,
      );
    }
    return parsed.data;
  }

  return {
    /** Where the change stream is and how to sign in to it (change-events.ts opens it with node:http). */
    eventStream: (): EventStreamTarget => ({
      url: `${base}${SYNC_EVENTS_PATH}`,
      headers: token ? { authorization: `Bearer ${token}` } : {},
    }),

    getMe: () => json(Me, '/v1/me'),

    createDemoSession: () =>
      json(AuthSession, '/v1/demo/sessions', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{}',
      }),

    /** Sends queued writes; the server applies each (clientId, mutationId) once, so a retry is harmless. */
    push: (request: PushRequest) =>
      json(PushResponse, '/v1/sync/push', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(request),
      }),

    /** The owner's wrapped notes key, or null before a passphrase was set up on any device. */
    getNotesKey: () => json(NotesKeyResponse, '/v1/me/notes-key'),

    /** Stores the wrapped notes key; another key already there is a ServerError of kind conflict (409). */
    putNotesKey: (key: WrappedNotesKey) =>
      json(NotesKeyResponse, '/v1/me/notes-key', {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(key),
      }),

    pull: (since: number, limit: number) => json(PullPage, `/v1/sync/pull?since=${since}&limit=${limit}`),

    /**
     * One community whole, as the user sees it now: fetched once for a private community just joined. Null
     * when it is not (or no longer) visible to the user.
     */
    async communitySnapshot(communityId: string): Promise<CommunitySnapshot | null> {
      const path = `/v1/communities/${encodeURIComponent(communityId)}/snapshot`;
      try {
        return await json(CommunitySnapshot, path);
      } catch (err) {
        if (err instanceof ServerError && err.kind === 'server' && err.status === 404) return null;
        throw err;
      }
    },

    /** The snapshot as a stream of validated lines; a stream that stops before its end line throws. */
    async *bootstrap(query: BootstrapQuery): AsyncGenerator<BootstrapLine> {
      const params = new URLSearchParams();
      if (query.cursor !== undefined) params.set('cursor', String(query.cursor));
      if (query.section !== undefined) params.set('section', query.section);
      if (query.after !== undefined) params.set('after', query.after);
      const idle = new IdleTimeout(timeoutMs);
      let ended = false;
      try {
        // Inside the try: a request that fails must clear the idle timer too, or it holds the process open.
        const response = await request(`/v1/sync/bootstrap?${params}`, { signal: idle.signal });
        if (!response.body) throw new ServerError('protocol', 'The snapshot came without a body');
        for await (const line of readLines(response.body, idle)) {
          let value: unknown;
          try {
            value = JSON.parse(line);
          } catch (err) {
            throw new ServerError('protocol', 'The snapshot has a line that is not JSON', { cause: err });
          }
          const parsed = BootstrapLine.safeParse(value);
          if (!parsed.success) {
            throw new ServerError(
              'protocol',
              `The snapshot has an unexpected line: ${parsed.error.issues[0]?.message}`,
            );
          }
          if (parsed.data.type === 'end') ended = true;
          yield parsed.data;
        }
      } catch (err) {
        if (err instanceof ServerError) throw err;
        throw new ServerError('offline', `The snapshot was cut off: ${describeFetchError(err)}`, {
          cause: err,
        });
      } finally {
        idle.clear();
      }
      if (!ended) throw new ServerError('offline', 'The snapshot was cut off before its end');
    },
  };
}
export type ServerClient = ReturnType<typeof createServerClient>;

/** Aborts when no chunk arrived for `ms`; each chunk rearms it. */
class IdleTimeout {
  readonly #controller = new AbortController();
  #timer: NodeJS.Timeout | undefined;
  constructor(private readonly ms: number) {
    this.touch();
  }
  get signal() {
    return this.#controller.signal;
  }
  touch() {
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => this.#controller.abort(new Error(`no data for ${this.ms} ms`)), this.ms);
  }
  clear() {
    clearTimeout(this.#timer);
  }
}

async function* readLines(body: ReadableStream<Uint8Array>, idle: IdleTimeout): AsyncGenerator<string> {
  const decoder = new TextDecoder();
  let buffered = '';
  for await (const chunk of body) {
    idle.touch();
    const lines = (buffered + decoder.decode(chunk, { stream: true })).split('\n');
    buffered = lines.pop() ?? '';
    for (const line of lines) if (line.trim()) yield line;
  }
  buffered += decoder.decode();
  if (buffered.trim()) yield buffered;
}

async function readErrorMessage(response: Response): Promise<string | null> {
  try {
    const body = (await response.json()) as { error?: { message?: unknown } };
    return typeof body.error?.message === 'string' ? body.error.message : null;
  } catch {
    return null;
  }
}

function describeFetchError(err: unknown): string {
  if (!(err instanceof Error)) return String(err);
  const cause = err.cause as { code?: string; message?: string } | undefined;
  if (err.name === 'TimeoutError' || err.name === 'AbortError') return 'the request timed out';
  return cause?.code ?? cause?.message ?? err.message;
}
