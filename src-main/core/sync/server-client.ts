import type { z } from 'zod';
import { AuthConfig, AuthSession, Me } from '#shared/wire/auth';
import type { TokenSource } from '../session/session-tokens.ts';
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
    options?: { cause?: unknown; status?: number; detail?: string | null },
  ) {
    super(message, options);
    this.status = options?.status ?? null;
    this.detail = options?.detail ?? null;
  }
  /** The HTTP status the server answered, when it answered one. */
  readonly status: number | null;
  /** The server's own message ({error: {message}}), when it sent one: what a person can be shown. */
  readonly detail: string | null;
}

export interface ServerClientOptions {
  serverUrl: string;
  /** A fixed bearer token (an administrator's access token), or none for the sign-in calls. */
  token?: string;
  /** A session's refreshing token holder (session-tokens.ts); wins over `token`. */
  tokens?: TokenSource;
  fetch?: typeof globalThis.fetch;
  /** A request (or a gap between two chunks of a stream) longer than this fails as offline. */
  timeoutMs?: number;
}

/** The REST backend as the core sees it: typed, validated, with failures sorted into kinds. */
export function createServerClient({
  serverUrl,
  token,
  tokens,
  fetch = globalThis.fetch,
  timeoutMs = 30_000,
}: ServerClientOptions) {
  const base = serverUrl.replace(/\/+$/, '');

  /** Sends with the current access token; a 401 refreshes it once (tokens) and sends again. */
  async function request(path: string, init: RequestInit = {}, renewed = false): Promise<Response> {
    const headers = new Headers(init.headers);
    const bearer = tokens ? await tokens.current() : token;
    if (bearer) headers.set('authorization', `Bearer ${bearer}`);
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
    if (response.status === 401 && tokens && bearer && !renewed && (await tokens.renew(bearer)))
      return request(path, init, true);
    if (response.status === 401)
      throw new ServerError(
        'unauthorized',
        detail ?? 'The server no longer accepts this session; sign in again',
        {
          status: 401,
          detail,
        },
      );
    if (response.status === 410)
      throw new ServerError('cursor_reset', detail ?? 'The server no longer knows this cursor');
    if (response.status === 409)
      throw new ServerError('conflict', detail ?? 'The request clashes with what the server holds');
    throw new ServerError('server', `The server answered ${response.status}${detail ? `: ${detail}` : ''}`, {
      status: response.status,
      detail,
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

  const jsonBody = (body: unknown): RequestInit => ({
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const postJson = <S extends z.ZodType>(schema: S, path: string, body: unknown) =>
    json(schema, path, jsonBody(body));

  return {
    /** Where the change stream is and how to sign in to it (change-events.ts opens it with node:http). */
    eventStream: (): EventStreamTarget => ({
      url: `${base}${SYNC_EVENTS_PATH}`,
      headers: (): Record<string, string> => {
        const bearer = tokens ? tokens.peek() : token;
        return bearer ? { authorization: `Bearer ${bearer}` } : {};
      },
    }),

    getMe: () => json(Me, '/v1/me'),

    /** How people sign in to this server (no sign-in needed). */
    getAuthConfig: () => json(AuthConfig, '/v1/auth/config'),

    /** Exchanges the OpenID Provider's ID token for Kith's own session; the server validates the token. */
    createOidcSession: (idToken: string) => postJson(AuthSession, '/v1/auth/sessions', { idToken }),

    /** A new session for the refresh token (which rotates); 401 when it is revoked, reused or its person gone. */
    refreshSession: (refreshToken: string) => postJson(AuthSession, '/v1/auth/refresh', { refreshToken }),

    /** Revokes the session of this refresh token (its whole family); 204 even if it is already gone. */
    revokeSession: async (refreshToken: string): Promise<void> => {
      await request('/v1/auth/sign-out', jsonBody({ refreshToken }));
    },

    createDemoSession: () => postJson(AuthSession, '/v1/demo/sessions', {}),

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
