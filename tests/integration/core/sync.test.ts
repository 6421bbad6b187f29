import { join } from 'node:path';
import type { Kysely } from 'kysely';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createCore } from '#core/create-core';
import { openLocalDb, type LocalDb } from '#core/store/local-db';
import { readState } from '#core/store/local-state.repo';
import { createServerClient } from '#core/sync/server-client';
import { createSyncEngine } from '#core/sync/sync-engine';
import type { SyncStatus } from '#shared/domain/sync-status';
import {
  deletePerson,
  findPerson,
  generateOrg,
  issueToken,
  startServer,
  upsertPeople,
  type RunningServer,
} from '#server/server';
import { startCuttingProxy } from '../../support/cutting-proxy.ts';
import { memorySecrets } from '../../support/memory-secrets.ts';
import { settle } from '../../support/push-fixture.ts';
import { makeTempDir } from '../../support/temp-dir.ts';

const DEMO = { size: 'S' as const, seed: 7 };
const demoOrg = generateOrg(DEMO);

describe('sync against a real server on 127.0.0.1', () => {
  let dir: Awaited<ReturnType<typeof makeTempDir>>;
  let server: RunningServer;
  const cleanups: (() => Promise<unknown>)[] = [];

  beforeEach(async () => {
    dir = await makeTempDir();
    server = await startServer({ dbFile: join(dir.path, 'server', 'kith-server.db'), demo: DEMO });
  });
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
    await server.close();
    await dir.remove();
  });

  async function signedInCore(serverUrl = server.url) {
    const secrets = memorySecrets();
    const core = await createCore({ dataDir: join(dir.path, 'client'), secrets });
    cleanups.push(() => core.close());
    const token = await issueToken(server.db, demoOrg.demoUserId);
    const statuses: SyncStatus[] = [];
    core.events.on('sync.status', (s) => statuses.push(s));
    await core.handlers.session.connectServer({ serverUrl, token });
    return { core, secrets, statuses };
  }

  it('bootstraps the whole directory and knows who is signed in', async () => {
    const { core, statuses } = await signedInCore();
    const status = await settle(core);
    expect(status).toMatchObject({ state: 'idle', lastSyncedAt: expect.any(Number) });
    expect(statuses.some((s) => s.state === 'syncing' && s.progress !== null)).toBe(true);
    const all = await core.handlers.directory.searchPeople({ text: '', offset: 0, limit: 1 });
    expect(all.total).toBe(demoOrg.people.length);
    const session = await core.handlers.session.getSession(undefined);
    expect(session).toMatchObject({ state: 'signed_in', demo: false, me: { id: demoOrg.demoUserId } });
    const profile = await core.handlers.directory.getProfile({ id: demoOrg.demoUserId });
    expect(profile.managerChain.length).toBeGreaterThan(0);
  });

  it('pulls server-side changes incrementally: edits, new people and deletions', async () => {
    const { core } = await signedInCore();
    await settle(core);
    const changed: number[] = [];
    core.events.on('directory.changed', (e) => changed.push(e.count));
    const someone = demoOrg.people[5]!;
    const leaver = demoOrg.people[6]!;
    await upsertPeople(server.db, [
      { ...someone, name: 'Renamed Person', skills: ['Quantum Basketweaving'] },
      { ...someone, id: 'p-new', email: 'new.hire@example.com', name: 'Nova Newhire', managerId: someone.id },
    ]);
    await deletePerson(server.db, leaver.id);
    expect(await settle(core)).toMatchObject({ state: 'idle' });

    expect(changed.reduce((a, b) => a + b, 0)).toBe(3);
    const hit = await core.handlers.directory.searchPeople({ text: 'quantum', offset: 0, limit: 10 });
    expect(hit.items.map((p) => p.name)).toEqual(['Renamed Person']);
    expect(
      (await core.handlers.directory.getProfile({ id: someone.id })).directReports.map((p) => p.id),
    ).toContain('p-new');
    await expect(core.handlers.directory.getProfile({ id: leaver.id })).rejects.toThrow(/No colleague/);
    const total = (await core.handlers.directory.searchPeople({ text: '', offset: 0, limit: 1 })).total;
    expect(total).toBe(demoOrg.people.length);
  });

  it('keeps working offline when the server stops, and says so', async () => {
    const { core } = await signedInCore();
    await settle(core);
    await server.close();
    const status = await core.handlers.sync.syncNow(undefined);
    expect(status).toMatchObject({
      state: 'offline',
      message: expect.stringContaining("Can't reach"),
      nextRetryAt: expect.any(Number),
    });
    expect(status.lastSyncedAt).toEqual(expect.any(Number));
    const found = await core.handlers.directory.searchPeople({
      text: demoOrg.people[3]!.name,
      offset: 0,
      limit: 5,
    });
    expect(found.items[0]?.id).toBe(demoOrg.people[3]!.id);
  });

  it('signs out with a clear reason on 401 and keeps the cache', async () => {
    const { core, secrets } = await signedInCore();
    await settle(core);
    const sessions: unknown[] = [];
    core.events.on('session.changed', (s) => sessions.push(s));
    await server.db.deleteFrom('session_tokens').execute();
    await core.handlers.sync.syncNow(undefined);
    // The 401 signs out in the background; telling the session changed is its last step.
    await vi.waitFor(() => {
      if (sessions.length === 0) throw new Error('not signed out yet');
    });
    const session = await core.handlers.session.getSession(undefined);
    expect(session).toMatchObject({ state: 'signed_out', reason: expect.stringMatching(/sign in again/i) });
    expect(sessions).toContainEqual(session);
    expect(await core.handlers.sync.getStatus(undefined)).toEqual({
      state: 'signed_out',
      lastSyncedAt: null,
    });
    expect(secrets.values.size).toBe(0);
    expect((await core.handlers.directory.searchPeople({ text: '', offset: 0, limit: 1 })).total).toBe(
      demoOrg.people.length,
    );
  });

  it('resumes the saved session when the core starts again, on its cached data', async () => {
    const { core, secrets } = await signedInCore();
    await settle(core);
    await core.close();
    cleanups.pop();
    const reopened = await createCore({ dataDir: join(dir.path, 'client'), secrets });
    cleanups.push(() => reopened.close());
    expect((await reopened.handlers.directory.searchPeople({ text: '', offset: 0, limit: 1 })).total).toBe(
      demoOrg.people.length,
    );
    expect(await reopened.handlers.session.getSession(undefined)).toMatchObject({ state: 'signed_in' });
    expect(await settle(reopened)).toMatchObject({ state: 'idle' });
  });

  it('opens on the cache and says why when the demo server cannot be started again', async () => {
    const secrets = memorySecrets();
    const launches: string[] = [];
    const first = await createCore({
      dataDir: join(dir.path, 'demo-client'),
      secrets,
      launchDemoServer: async () => (launches.push('first'), { serverUrl: server.url }),
    });
    await first.handlers.session.startDemo(undefined);
    await settle(first);
    await first.close();

    const reopened = await createCore({
      dataDir: join(dir.path, 'demo-client'),
      secrets,
      launchDemoServer: async () => {
        launches.push('second');
        throw new Error('port in use');
      },
    });
    cleanups.push(() => reopened.close());
    const status = await reopened.handlers.sync.syncNow(undefined);
    expect(status).toMatchObject({ state: 'error', message: expect.stringContaining('port in use') });
    expect(launches.slice(0, 2)).toEqual(['first', 'second']);
    const tries = launches.length;
    expect(await reopened.handlers.sync.syncNow(undefined)).toMatchObject({ state: 'error' });
    expect(launches).toHaveLength(tries + 1); // "Sync now" tries the demo server again
    expect((await reopened.handlers.directory.searchPeople({ text: '', offset: 0, limit: 1 })).total).toBe(
      demoOrg.people.length,
    );
  });

  it('bootstraps again when the server no longer knows its cursor (data restored or rebuilt)', async () => {
    const { core } = await signedInCore();
    const extra = demoOrg.people[9]!;
    await upsertPeople(server.db, [{ ...extra, title: 'Changed Before The Backup Was Restored' }]);
    await settle(core);
    // The server comes back on the same address from a rebuilt database: its changes stop behind our cursor.
    const tokens = await server.db.selectFrom('session_tokens').selectAll().execute();
    const port = Number(new URL(server.url).port);
    await server.close();
    server = await startServer({ dbFile: join(dir.path, 'rebuilt', 'kith-server.db'), port, demo: DEMO });
    await server.db.insertInto('session_tokens').values(tokens).execute();
    await deletePerson(server.db, demoOrg.people[3]!.id);

    expect(await settle(core)).toMatchObject({ state: 'idle' });
    const total = (await core.handlers.directory.searchPeople({ text: '', offset: 0, limit: 1 })).total;
    expect(total).toBe(demoOrg.people.length - 1);
    await expect(core.handlers.directory.getProfile({ id: demoOrg.people[3]!.id })).rejects.toThrow(
      /No colleague/,
    );
    expect((await core.handlers.directory.getProfile({ id: extra.id })).person.title).toBe(extra.title);
  });

  it('rejects a token the server does not know, changing nothing', async () => {
    const core = await createCore({ dataDir: join(dir.path, 'other'), secrets: memorySecrets() });
    cleanups.push(() => core.close());
    await expect(
      core.handlers.session.connectServer({ serverUrl: server.url, token: 'x'.repeat(43) }),
    ).rejects.toThrow(/did not accept this access token/);
    expect(await core.handlers.session.getSession(undefined)).toEqual({
      state: 'signed_out',
      reason: null,
      providerSignOut: null,
    });
  });
});

describe('sync engine resuming after the connection drops', () => {
  let dir: Awaited<ReturnType<typeof makeTempDir>>;
  let server: RunningServer;
  let db: Kysely<LocalDb>;
  beforeEach(async () => {
    dir = await makeTempDir();
    server = await startServer({ dbFile: join(dir.path, 'server.db'), demo: { size: 1000, seed: 3 } });
    db = await openLocalDb(join(dir.path, 'client'));
  });
  afterEach(async () => {
    await db.destroy();
    await server.close();
    await dir.remove();
  });

  async function engineThrough(proxyUrl: string) {
    const token = await issueToken(
      server.db,
      (await server.db.selectFrom('people').select('id').executeTakeFirstOrThrow()).id,
    );
    const client = createServerClient({ serverUrl: proxyUrl, token });
    const engine = createSyncEngine({
      db,
      client,
      batchSize: 100,
      pullLimit: 50,
      emit: () => undefined,
      onUnauthorized: () => undefined,
      retry: { baseMs: 60_000 },
    });
    return engine;
  }

  const localCount = async () =>
    Number(
      (
        await db
          .selectFrom('people')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  it('resumes a cut-off snapshot after the last committed row, applying each row once', async () => {
    const proxy = await startCuttingProxy(server.url);
    try {
      const engine = await engineThrough(proxy.url);
      proxy.cutNext(/bootstrap/, 60_000);
      engine.start();
      const first = await engine.syncNow();
      expect(first.state).toBe('offline');
      const partial = await readState(db, 'bootstrap');
      expect(partial?.applied).toBeGreaterThan(0);
      expect(partial?.applied).toBeLessThan(1000);
      expect(await localCount()).toBe(partial?.applied);
      expect(await readState(db, 'cursor')).toBeNull();

      expect((await engine.syncNow()).state).toBe('idle');
      await engine.stop();
      const resumed = proxy.requests.filter((r) => r.includes('bootstrap'));
      expect(resumed).toHaveLength(2);
      expect(resumed[1]).toContain(`after=${partial!.after}`);
      expect(await localCount()).toBe(1000);
      expect(await readState(db, 'bootstrap')).toBeNull();
    } finally {
      await proxy.close();
    }
  });

  it('applies nothing of a pull page that was cut off, then applies it whole on retry', async () => {
    const proxy = await startCuttingProxy(server.url);
    try {
      const engine = await engineThrough(proxy.url);
      engine.start();
      expect((await engine.syncNow()).state).toBe('idle');
      const cursorBefore = await readState(db, 'cursor');
      const renamed = (
        await server.db.selectFrom('people').select('id').orderBy('id').limit(30).execute()
      ).map((r) => r.id);
      const people = await Promise.all(renamed.map((id) => findPerson(server.db, id)));
      await upsertPeople(
        server.db,
        people.map((p) => ({ ...p!, title: 'Renamed Title' })),
      );

      proxy.cutNext(/pull/, 2000);
      expect((await engine.syncNow()).state).toBe('offline');
      expect(await readState(db, 'cursor')).toBe(cursorBefore);
      const titled = () =>
        db.selectFrom('people').select('id').where('title', '=', 'Renamed Title').execute();
      expect(await titled()).toHaveLength(0);

      expect((await engine.syncNow()).state).toBe('idle');
      await engine.stop();
      expect(await titled()).toHaveLength(30);
      expect(await readState(db, 'cursor')).toBeGreaterThan(cursorBefore!);
    } finally {
      await proxy.close();
    }
  });
});
