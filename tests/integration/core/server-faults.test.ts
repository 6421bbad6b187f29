import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createCore } from '#core/create-core';
import type { Core } from '#core/core-types';
import { LOCAL_DB_FILE, type LocalDb } from '#core/store/local-db';
import { readState } from '#core/store/local-state.repo';
import type { SaveConnectionInput } from '#shared/domain/network';
import type { SyncStatus } from '#shared/domain/sync-status';
import { openDatabase } from '#shared/node/open-database';
import { PushRequest, PushResponse } from '#shared/wire/push';
import {
  deletePerson,
  findCurrentSeq,
  findPerson,
  generateOrg,
  issueToken,
  startServer,
  upsertPeople,
  type RunningServer,
} from '#server/server';
import { startFaultProxy, type Fault, type FaultProxy } from '../../support/fault-proxy.ts';
import { memorySecrets } from '../../support/memory-secrets.ts';
import { makeTempDir } from '../../support/temp-dir.ts';

/** More people than one snapshot batch (2,000), so a cut-off snapshot leaves a committed part behind. */
/** Without generated connections: what the server holds of them is what these tests write. */
const DEMO = { size: 2500, seed: 11, connections: false };
const org = generateOrg(DEMO);
const byId = [...org.people].sort((a, b) => (a.id < b.id ? -1 : 1));
/** Short enough that a hung request fails within the test, long enough for a busy 2-core machine. */
const REQUEST_TIMEOUT_MS = 1500;

const BOOTSTRAP = '/v1/sync/bootstrap';
const PULL = '/v1/sync/pull';
const PUSH = '/v1/sync/push';

interface FaultCase {
  name: string;
  fault: (path: string) => Fault;
  status: { state: 'offline' | 'error'; message: RegExp };
}

/** The server's error, a hang, a reply cut off, a 200 of the wrong shape: what the user must see for each. */
const FAULTS: FaultCase[] = [
  {
    name: 'a 500',
    fault: () => ({ kind: 'status', status: 500 }),
    status: { state: 'error', message: /answered 500/ },
  },
  {
    name: 'no reply until the timeout',
    fault: () => ({ kind: 'hang' }),
    status: { state: 'offline', message: /timed out|no data for/ },
  },
  {
    name: 'a reply cut off mid-body',
    fault: () => ({ kind: 'truncate', keepBytes: 300 }),
    status: { state: 'offline', message: /cut off/ },
  },
  {
    name: 'a 200 of the wrong shape',
    fault: (path) =>
      path === BOOTSTRAP
        ? { kind: 'body', body: '{"type":"person","value":{"id":42}}\n', contentType: 'application/x-ndjson' }
        : path === PULL
          ? { kind: 'body', body: '{"dataset":"d","changes":"none","cursor":-1}' }
          : { kind: 'body', body: '{"results":[{"mutationId":"first","status":"fine"}]}' },
    status: { state: 'error', message: /unexpected (shape|line)/ },
  },
];

/** A body that stops coming (headers sent, connection open): only the client's timeout ends it. */
const STALL: FaultCase = {
  name: 'a reply that stops mid-body',
  fault: () => ({ kind: 'stall', keepBytes: 300 }),
  status: { state: 'offline', message: /cut off/ },
};

/** A well-formed 200 that settles none of the pushed writes: nothing may leave the outbox. */
const SETTLES_NONE: FaultCase = {
  name: 'a 200 that answers for none of the writes',
  fault: () => ({ kind: 'body', body: '{"results":[]}' }),
  status: { state: 'error', message: /settled none/ },
};

let dir: Awaited<ReturnType<typeof makeTempDir>>;
let server: RunningServer;
let nextPerson = 0;

beforeAll(async () => {
  dir = await makeTempDir();
  server = await startServer({ dbFile: join(dir.path, 'server', 'kith-server.db'), demo: DEMO });
});
afterAll(async () => {
  await server.close();
  await dir.remove();
});

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** Polls until `check` returns a value; a deadline only against hanging forever, never a speed claim. */
async function waitFor<T>(what: string, check: () => Promise<T | undefined> | T | undefined): Promise<T> {
  const deadline = Date.now() + 25_000;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/**
 * A device signed in as a person of its own (the tests share one server), through a fault proxy, with a
 * short request timeout and quick retries.
 */
async function startDevice() {
  const proxy = await startFaultProxy(server.url);
  cleanups.push(() => proxy.close());
  // Each test is another person: their connections never meet on the shared server.
  const me = byId[100 + nextPerson++ * 20]!;
  const dataDir = join(dir.path, `device-${nextPerson}`);
  const core = await createCore({
    dataDir,
    secrets: memorySecrets(),
    sync: { requestTimeoutMs: REQUEST_TIMEOUT_MS, retry: { baseMs: 50, maxMs: 400 } },
  });
  cleanups.push(() => core.close());
  const statuses: SyncStatus[] = [];
  core.events.on('sync.status', (s) => statuses.push(s));
  const db = await openDatabase<LocalDb>({ file: join(dataDir, LOCAL_DB_FILE) });
  cleanups.push(() => db.destroy());
  const token = await issueToken(server.db, me.id);
  return {
    proxy,
    core,
    db,
    statuses,
    me,
    token,
    connect: () => core.handlers.session.connectServer({ serverUrl: proxy.url, token }),
  };
}

/** Runs syncs until one ends idle: a healthy request can still time out once on a busy machine. */
async function syncUntilIdle(core: Core) {
  return waitFor('an idle sync', async () => {
    const status = await core.handlers.sync.syncNow(undefined);
    return status.state === 'idle' ? status : undefined;
  });
}

const faulted = (proxy: FaultProxy, path: string) => proxy.requestsTo(path).filter((e) => e.fault !== null);

/**
 * What the server did with this device's pushes, from the replies it really sent (the client may never
 * have seen them): how often each mutation id was applied or rejected.
 */
function settledOnServer(proxy: FaultProxy) {
  const counts = new Map<number, number>();
  for (const exchange of proxy.requestsTo(PUSH)) {
    if (exchange.status !== 200) continue;
    PushRequest.parse(JSON.parse(exchange.requestBody));
    for (const result of PushResponse.parse(JSON.parse(exchange.responseBody)).results) {
      if (result.status !== 'duplicate')
        counts.set(result.mutationId, (counts.get(result.mutationId) ?? 0) + 1);
    }
  }
  return counts;
}

/** Every local write reached the server once: none lost, none applied twice, and the server remembers the last. */
async function expectEveryWriteOnceOnServer(device: Awaited<ReturnType<typeof startDevice>>) {
  const last = await readState(device.db, 'lastMutationId');
  const clientId = await readState(device.db, 'clientId');
  expect(last).toBeGreaterThan(0);
  const counts = settledOnServer(device.proxy);
  expect([...counts.keys()].sort((a, b) => a - b)).toEqual(Array.from({ length: last! }, (_, i) => i + 1));
  expect([...counts.values()].every((n) => n === 1)).toBe(true);
  const client = await server.db
    .selectFrom('client_mutations')
    .selectAll()
    .where('client_id', '=', clientId!)
    .executeTakeFirstOrThrow();
  expect(client).toMatchObject({ owner_id: device.me.id, last_mutation_id: last });
  expect(await device.db.selectFrom('outbox').select('mutation_id').execute()).toEqual([]);
}

const serverConnections = (ownerId: string) =>
  server.db
    .selectFrom('connections')
    .select(['person_id', 'strength', 'how_met', 'kinds', 'deleted'])
    .where('owner_id', '=', ownerId)
    .orderBy('person_id')
    .execute();

/** The device's status now, and the same one as the last event sent. */
async function expectStatus(core: Core, statuses: SyncStatus[], expected: FaultCase['status']) {
  const status = await core.handlers.sync.syncNow(undefined);
  expect(status).toMatchObject({ state: expected.state, message: expect.stringMatching(expected.message) });
  expect(await core.handlers.sync.getStatus(undefined)).toEqual(status);
  expect(statuses.at(-1)).toEqual(status);
}

/** The proxy keeps answering with the fault: the engine retries on its own, with backoff, no syncNow. */
async function expectRetries(proxy: FaultProxy, path: string) {
  const before = faulted(proxy, path).length;
  await waitFor('two retries on their own', () =>
    faulted(proxy, path).length >= before + 2 ? true : undefined,
  );
}

describe.each([PULL, PUSH])('a device whose %s fails', (path) => {
  it.each(path === PULL ? [...FAULTS, STALL] : [...FAULTS, SETTLES_NONE])(
    'keeps working offline on $name, retries, and loses or repeats nothing',
    async (c) => {
      const device = await startDevice();
      const { core, proxy, statuses } = device;
      await device.connect();
      await syncUntilIdle(core);
      const [ada, bob, cy, renamed] = byId
        .filter((p) => p.id !== device.me.id)
        .slice(nextPerson * 7, nextPerson * 7 + 4);
      // Something to pull: the server's directory changes while the fault is on.
      const title = `Retitled while ${path} failed (${c.name})`;
      await upsertPeople(server.db, [{ ...(await findPerson(server.db, renamed!.id))!, title }]);

      proxy.fail(path, c.fault(path));
      const writes: SaveConnectionInput[] = [
        { personId: ada!.id, patch: { strength: 5, howMet: 'Offsite' } },
        { personId: bob!.id, patch: { kinds: ['mentor'], strength: 2 } },
        { personId: ada!.id, patch: { howMet: 'Offsite, then lunch' } },
      ];
      for (const write of writes) await core.handlers.network.saveConnection(write);
      await expectStatus(core, statuses, c.status);

      // Writes made while failing succeed locally; reads answer from the cache.
      await core.handlers.network.saveConnection({ personId: cy!.id, patch: { strength: 4 } });
      expect(await core.handlers.network.removeConnection({ personId: bob!.id })).toEqual({ removed: true });
      const hit = await core.handlers.directory.searchPeople({ text: ada!.name, offset: 0, limit: 50 });
      expect(hit.items.map((p) => p.id)).toContain(ada!.id);
      const mine = await core.handlers.network.listConnections({ sort: 'name', direction: 'asc' });
      expect(mine.items.map((e) => [e.person.id, e.connection.strength, e.connection.howMet]).sort()).toEqual(
        [
          [ada!.id, 5, 'Offsite, then lunch'],
          [cy!.id, 4, ''],
        ].sort(),
      );
      const queued = await device.db.selectFrom('outbox').select('mutation_id').execute();
      if (path === PUSH) expect(queued).toHaveLength(5); // the server may hold them; the client can't know
      if (path === PULL) {
        // Pushes go first and still work; the pull's change has not arrived.
        await syncUntilQueueEmpty(device);
        expect((await core.handlers.directory.getProfile({ id: renamed!.id })).person.title).toBe(
          renamed!.title,
        );
      }
      await expectRetries(proxy, path);

      proxy.heal();
      expect(await syncUntilIdle(core)).toMatchObject({ state: 'idle', lastSyncedAt: expect.any(Number) });
      expect(statuses.at(-1)).toMatchObject({ state: 'idle' });
      await expectEveryWriteOnceOnServer(device);
      if (path === PUSH) {
        // The faulted pushes had reached the server: their retries were answered as duplicates, not reapplied.
        const answers = proxy
          .requestsTo(PUSH)
          .flatMap((e) => (e.status === 200 ? PushResponse.parse(JSON.parse(e.responseBody)).results : []));
        expect(answers.some((r) => r.status === 'duplicate')).toBe(true);
      }
      const onServer = await serverConnections(device.me.id);
      expect(
        onServer.map((r) => (r.deleted ? [r.person_id, 'deleted'] : [r.person_id, r.strength, r.how_met])),
      ).toEqual(
        [
          [ada!.id, 5, 'Offsite, then lunch'],
          [bob!.id, 'deleted'],
          [cy!.id, 4, ''],
        ].sort((a, b) => (a[0]! < b[0]! ? -1 : 1)),
      );
      expect((await core.handlers.directory.getProfile({ id: renamed!.id })).person.title).toBe(title);
    },
  );
});

/** Pushes run before each pull, so with only the pull failing the queue still drains. */
async function syncUntilQueueEmpty(device: Awaited<ReturnType<typeof startDevice>>) {
  await waitFor('the outbox to drain', async () =>
    (await device.db.selectFrom('outbox').select('mutation_id').execute()).length === 0 ? true : undefined,
  );
}

describe('a device whose first snapshot fails', () => {
  it.each([...FAULTS, STALL])(
    'reads the part it has on $name, retries, and finishes once it clears',
    async (c) => {
      const device = await startDevice();
      const { core, proxy, statuses } = device;
      // The first attempt stops after more than one batch of rows, so part of the directory is committed.
      const snapshot = await (
        await fetch(`${server.url}${BOOTSTRAP}`, { headers: { authorization: `Bearer ${device.token}` } })
      ).text();
      const lines = snapshot.split('\n');
      const keepBytes = Buffer.byteLength(lines.slice(0, 2200).join('\n'));
      proxy.fail(BOOTSTRAP, { kind: 'truncate', keepBytes }, c.fault(BOOTSTRAP));
      await device.connect();
      await waitFor('the first snapshot attempt to fail', () =>
        faulted(proxy, BOOTSTRAP).length >= 2 ? true : undefined,
      );
      await expectStatus(core, statuses, c.status);

      const { total } = await core.handlers.directory.searchPeople({ text: '', offset: 0, limit: 1 });
      expect(total).toBeGreaterThan(0);
      expect(total).toBeLessThan(org.people.length);
      const known = byId.filter((p) => p.id !== device.me.id).slice(nextPerson * 3, nextPerson * 3 + 2);
      for (const person of known) {
        const hit = await core.handlers.directory.searchPeople({ text: person.name, offset: 0, limit: 50 });
        expect(hit.items.map((p) => p.id)).toContain(person.id);
        await core.handlers.network.saveConnection({
          personId: person.id,
          patch: { strength: 1, howMet: c.name },
        });
      }
      const mine = await core.handlers.network.listConnections({ sort: 'name', direction: 'asc' });
      expect(mine.items).toHaveLength(2);
      await expectRetries(proxy, BOOTSTRAP);

      proxy.heal();
      expect(await syncUntilIdle(core)).toMatchObject({ state: 'idle', lastSyncedAt: expect.any(Number) });
      expect(statuses.at(-1)).toMatchObject({ state: 'idle' });
      const full = await core.handlers.directory.searchPeople({ text: '', offset: 0, limit: 1 });
      expect(full.total).toBe(org.people.length);
      await expectEveryWriteOnceOnServer(device);
      expect(
        (await serverConnections(device.me.id)).map((r) => [r.person_id, r.strength, r.how_met]),
      ).toEqual(known.map((p) => [p.id, 1, c.name]));
    },
  );
});

describe('a device whose server was rebuilt (its cursor means nothing there any more)', () => {
  it('keeps its directory and connections readable while the new snapshot fails, then takes the new data', async () => {
    // A server of its own, rebuilt on the same address; its snapshot is longer than one batch, so a cut-off
    // one leaves part of it committed over the old rows.
    let own = await startServer({ dbFile: join(dir.path, 'before-rebuild', 'kith-server.db'), demo: DEMO });
    cleanups.push(() => own.close());
    const proxy = await startFaultProxy(own.url);
    cleanups.push(() => proxy.close());
    const [me, ada, gone, retitled] = byId;
    const dataDir = join(dir.path, 'rebuilt-device');
    const core = await createCore({
      dataDir,
      secrets: memorySecrets(),
      sync: { requestTimeoutMs: REQUEST_TIMEOUT_MS, retry: { baseMs: 50, maxMs: 400 } },
    });
    cleanups.push(() => core.close());
    const statuses: SyncStatus[] = [];
    core.events.on('sync.status', (s) => statuses.push(s));
    const db = await openDatabase<LocalDb>({ file: join(dataDir, LOCAL_DB_FILE) });
    cleanups.push(() => db.destroy());
    const token = await issueToken(own.db, me!.id);
    await core.handlers.session.connectServer({ serverUrl: proxy.url, token });
    await syncUntilIdle(core);
    // Before the rebuild: a connection, and a person changed often enough that their row's seq ends up past
    // the rebuilt server's cursor (its sequence restarts lower).
    await core.handlers.network.saveConnection({ personId: ada!.id, patch: { strength: 4 } });
    for (let i = 1; i <= 5; i++) await upsertPeople(own.db, [{ ...gone!, title: `Old title ${i}` }]);
    await syncUntilIdle(core);
    expect(await db.selectFrom('outbox').select('mutation_id').execute()).toEqual([]);

    // The device may sync at any moment (the write above asked for one, 300 ms on): until the snapshot's
    // faults are in place it must not reach the rebuilt server. Its pulls fail meanwhile, so the cursor reset,
    // and with it the new snapshot, can only come once they are.
    proxy.fail(PULL, { kind: 'status', status: 503 });
    const snapshotsBefore = proxy.requestsTo(BOOTSTRAP).length;
    const tokens = await own.db.selectFrom('session_tokens').selectAll().execute();
    const port = Number(new URL(own.url).port);
    await own.close();
    own = await startServer({ dbFile: join(dir.path, 'rebuilt', 'kith-server.db'), port, demo: DEMO });
    await own.db.insertInto('session_tokens').values(tokens).execute();
    await deletePerson(own.db, gone!.id);
    await upsertPeople(own.db, [{ ...retitled!, title: 'Rebuilt Title Zyx' }]);
    const newCursor = await findCurrentSeq(own.db);
    const goneRow = await db.selectFrom('people').select('seq').where('id', '=', gone!.id).executeTakeFirst();
    expect(goneRow!.seq).toBeGreaterThanOrEqual(newCursor);

    // The new snapshot is cut off after its first batch, then answered 500 until healed.
    const snapshot = await (
      await fetch(`${own.url}${BOOTSTRAP}`, { headers: { authorization: `Bearer ${token}` } })
    ).text();
    const keepBytes = Buffer.byteLength(snapshot.split('\n').slice(0, 2200).join('\n'));
    proxy.fail(BOOTSTRAP, { kind: 'truncate', keepBytes }, { kind: 'status', status: 500 });
    expect(proxy.requestsTo(BOOTSTRAP)).toHaveLength(snapshotsBefore);
    proxy.heal(PULL);
    await core.handlers.sync.syncNow(undefined);
    await waitFor('the new snapshot to fail twice', () =>
      faulted(proxy, BOOTSTRAP).length >= 2 ? true : undefined,
    );
    await expectStatus(core, statuses, { state: 'error', message: /answered 500/ });

    // Part of the new snapshot is in, over the old rows; every old row is still there and searchable.
    const written = await db.selectFrom('people').select('id').where('seq', '=', newCursor).execute();
    expect(written.length).toBeGreaterThan(0);
    expect(written.length).toBeLessThan(org.people.length - 1);
    const { total } = await core.handlers.directory.searchPeople({ text: '', offset: 0, limit: 1 });
    expect(total).toBe(org.people.length);
    for (const person of [ada!, gone!, retitled!]) {
      const hit = await core.handlers.directory.searchPeople({ text: person.name, offset: 0, limit: 50 });
      expect(hit.items.map((p) => p.id)).toContain(person.id);
    }
    const mine = await core.handlers.network.listConnections({ sort: 'name', direction: 'asc' });
    expect(mine.items.map((e) => [e.person.id, e.connection.strength])).toEqual([[ada!.id, 4]]);

    // Once the snapshot completes, the rebuilt server's data replaces the old: what it lacks is gone.
    proxy.heal();
    expect(await syncUntilIdle(core)).toMatchObject({ state: 'idle', lastSyncedAt: expect.any(Number) });
    const after = await core.handlers.directory.searchPeople({ text: '', offset: 0, limit: 1 });
    expect(after.total).toBe(org.people.length - 1);
    await expect(core.handlers.directory.getProfile({ id: gone!.id })).rejects.toThrow(/No colleague/);
    const goneHit = await core.handlers.directory.searchPeople({ text: gone!.name, offset: 0, limit: 50 });
    expect(goneHit.items.map((p) => p.id)).not.toContain(gone!.id);
    const titled = await core.handlers.directory.searchPeople({ text: 'Zyx', offset: 0, limit: 50 });
    expect(titled.items.map((p) => p.id)).toEqual([retitled!.id]);
    expect((await core.handlers.network.listConnections({ sort: 'name', direction: 'asc' })).items).toEqual(
      [],
    );
  });
});
