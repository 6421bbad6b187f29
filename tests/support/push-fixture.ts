import { copyFile, mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { sql, type Kysely } from 'kysely';
import { expect } from 'vitest';
import { createCore } from '#core/create-core';
import type { Core, CoreOptions, SecretStore } from '#core/core-types';
import type { KeyStore } from '#core/notes/key-store';
import { LOCAL_DB_FILE, type LocalDb } from '#core/store/local-db';
import { openDatabase } from '#shared/node/open-database';
import { PushResponse, type Mutation, type PushRequest } from '#shared/wire/push';
import { generateOrg, issueToken, startServer, type RunningServer } from '#server/server';
import { memorySecrets } from './memory-secrets.ts';
import { makeTempDir } from './temp-dir.ts';

/** Without generated connections: what the server holds of them is what these tests write. */
export const DEMO = { size: 'S' as const, seed: 7, connections: false };
export const demoOrg = generateOrg(DEMO);
export const me = demoOrg.demoUserId;
/** Colleagues other than the demo user, for connections. */
export const colleagues = demoOrg.people.filter((p) => p.id !== me);
/** The first of them: whom the notes tests write about. */
export const ada = colleagues[0]!;

type SaveNote = Parameters<Core['handlers']['notes']['save']>[0];

/** What notes.save takes for a note about Ada; pass the fields the test cares about. */
export const note = (body: string, fields: Partial<SaveNote> = {}): SaveNote => ({
  personId: ada.id,
  body,
  tags: [],
  pinned: false,
  followUpAt: null,
  interaction: null,
  ...fields,
});

// A core signed in to a real server.

/** A real server on 127.0.0.1 (restartable on the same file and port) and cores signed in to it. */
export async function startPushFixture() {
  const dir = await makeTempDir();
  const dbFile = join(dir.path, 'server', 'kith-server.db');
  let server: RunningServer = await startServer({ dbFile, demo: DEMO });
  const port = Number(new URL(server.url).port);
  const cleanups: (() => Promise<unknown>)[] = [];
  let copies = 0;

  return {
    get server() {
      return server;
    },
    url: server.url,
    async stopServer() {
      await server.close();
    },
    async restartServer() {
      server = await startServer({ dbFile, port, demo: DEMO });
    },
    /** The server comes back on the same address from a rebuilt database (its cursors mean nothing now). */
    async rebuildServer() {
      const tokens = await server.db.selectFrom('session_tokens').selectAll().execute();
      await server.close();
      server = await startServer({ dbFile: join(dir.path, 'rebuilt', 'kith-server.db'), port, demo: DEMO });
      await server.db.insertInto('session_tokens').values(tokens).execute();
    },
    /** A copy of the server's database as it is now, for restoreServer. */
    async backupServer() {
      const file = join(dir.path, `backup-${++copies}.db`);
      await sql`vacuum into ${file}`.execute(server.db);
      return file;
    },
    /** The server comes back on the same address from a backup: its data and change sequence as they were then. */
    async restoreServer(backup: string) {
      await server.close();
      const dbFile = join(dir.path, `restored-${++copies}`, 'kith-server.db');
      await mkdir(dirname(dbFile), { recursive: true });
      await copyFile(backup, dbFile);
      server = await startServer({ dbFile, port, demo: DEMO });
    },
    /** A core with its own data dir (a device), signed in as `personId`. */
    async signedInCore(
      device: string,
      {
        personId = me,
        serverUrl = server.url,
        fetch,
        keyStore,
        liveUpdates,
        sync,
      }: {
        personId?: string;
        serverUrl?: string;
        fetch?: typeof globalThis.fetch;
        keyStore?: KeyStore;
        liveUpdates?: boolean;
        sync?: CoreOptions['sync'];
      } = {},
    ) {
      const dataDir = join(dir.path, device);
      const secrets = memorySecrets();
      const core = await createCore({ dataDir, secrets, fetch, keyStore, liveUpdates, sync });
      cleanups.push(() => core.close());
      const token = await issueToken(server.db, personId);
      await core.handlers.session.connectServer({ serverUrl, token });
      // A second handle on the same file, to look at what the core wrote (WAL lets both in).
      const db = await openDatabase<LocalDb>({ file: join(dataDir, LOCAL_DB_FILE) });
      cleanups.push(() => db.destroy());
      return { core, db, token, dataDir, secrets };
    },
    /** Another core on a device's folder and secrets, as after a restart of the app. */
    async reopenCore(device: { dataDir: string; secrets: SecretStore }) {
      const core = await createCore({ dataDir: device.dataDir, secrets: device.secrets });
      cleanups.push(() => core.close());
      return core;
    },
    async close() {
      for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
      await server.close();
      await dir.remove();
    },
  };
}

/** Waits for the sync under way, then runs one more and returns its status. */
export async function settle(core: Core) {
  for (let i = 0; i < 400; i++) {
    const status = await core.handlers.sync.getStatus(undefined);
    if (status.state !== 'syncing') return core.handlers.sync.syncNow(undefined);
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error('sync did not settle');
}

export async function outboxSize(db: Kysely<LocalDb>) {
  return (await db.selectFrom('outbox').select('mutation_id').execute()).length;
}

export function serverConnection(server: RunningServer, ownerId: string, personId: string) {
  return server.db
    .selectFrom('connections')
    .selectAll()
    .where('owner_id', '=', ownerId)
    .where('person_id', '=', personId)
    .executeTakeFirst();
}

/** A fetch whose pushes fail with a 503 while `blocked` is set; every other request goes through. */
export function flakyPushFetch() {
  const state = { blocked: false };
  const fetch: typeof globalThis.fetch = async (input, init) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    if (state.blocked && url.includes('/v1/sync/push')) {
      return new Response(JSON.stringify({ error: { code: 'unavailable', message: 'push is down' } }), {
        status: 503,
        headers: { 'content-type': 'application/json' },
      });
    }
    return globalThis.fetch(input, init);
  };
  return { state, fetch };
}

// Pushes written by hand, against the server alone.

export type Patch = Extract<Mutation, { type: 'connection.put' }>['patch'];

/** A connection.put mutation; pass the fields the write changes. */
export function put(mutationId: number, personId: string, patch: Patch): Mutation {
  return { type: 'connection.put', mutationId, personId, patch };
}

export function remove(mutationId: number, personId: string): Mutation {
  return { type: 'connection.delete', mutationId, personId };
}

/** POST /v1/sync/push, expecting 200; returns the parsed results. */
export async function push(
  server: { post(path: string, body: unknown, token?: string): Promise<Response> },
  token: string,
  request: PushRequest,
) {
  const response = await server.post('/v1/sync/push', request, token);
  expect(response.status).toBe(200);
  return PushResponse.parse(await response.json()).results;
}
