import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Person } from '#shared/domain/person';
import { ApiError } from '#shared/wire/auth';
import { startServer, type RunningServer, type StartServerOptions } from '#server/server';

export interface ServerFixture extends RunningServer {
  dir: string;
  /** fetch against the server, with the token (if given) as a bearer header. */
  get(path: string, token?: string): Promise<Response>;
  /** POST a JSON body (a string is sent as is), with the token as a bearer header. */
  post(path: string, body: unknown, token?: string): Promise<Response>;
  /** PUT a JSON body (a string is sent as is), with the token as a bearer header. */
  put(path: string, body: unknown, token?: string): Promise<Response>;
  stop(): Promise<void>;
}

export async function startTestServer(
  options: Omit<StartServerOptions, 'dbFile'> = {},
): Promise<ServerFixture> {
  const dir = await mkdtemp(join(tmpdir(), 'kith-server-'));
  const server = await startServer({ dbFile: join(dir, 'kith-server.db'), port: 0, ...options });
  return {
    ...server,
    dir,
    get: (path, token) =>
      fetch(`${server.url}${path}`, token ? { headers: { authorization: `Bearer ${token}` } } : {}),
    post: (path, body, token) => sendJson(server.url, 'POST', path, body, token),
    put: (path, body, token) => sendJson(server.url, 'PUT', path, body, token),
    async stop() {
      await server.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

function sendJson(url: string, method: string, path: string, body: unknown, token?: string) {
  return fetch(`${url}${path}`, {
    method,
    headers: {
      'content-type': 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

/** A valid person with a zero-padded id, so id order is numeric order. */
export function makePerson(n: number, overrides: Partial<Person> = {}): Person {
  return {
    id: `p${String(n).padStart(6, '0')}`,
    email: `person.${n}@example.com`,
    name: `Person ${n}`,
    title: 'Software Engineer',
    department: 'Engineering',
    location: 'Lyon',
    managerId: n === 1 ? null : 'p000001',
    skills: ['TypeScript'],
    bio: '',
    timezone: 'Europe/Paris',
    active: true,
    ...overrides,
  };
}

export function range(from: number, to: number): number[] {
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}

/** The lines of an NDJSON body, parsed. */
export async function readNdjson(response: Response): Promise<unknown[]> {
  const text = await response.text();
  return text
    .split('\n')
    .filter((line) => line.length > 0)
    .map((line) => JSON.parse(line) as unknown);
}

/** A refusal's status with its ApiError code and message, for one-line assertions. */
export async function refusalOf(response: Response) {
  return { status: response.status, ...ApiError.parse(await response.json()).error };
}
