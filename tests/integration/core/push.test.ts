import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDispatcher } from '#shared/ipc/dispatch';
import type { RejectedWrite } from '#shared/domain/network';
import { startCuttingProxy } from '../../support/cutting-proxy.ts';
import {
  colleagues,
  me,
  outboxSize,
  serverConnection,
  settle,
  startPushFixture,
} from '../../support/push-fixture.ts';

describe('pushing local connection writes to a real server', () => {
  let fx: Awaited<ReturnType<typeof startPushFixture>>;
  beforeEach(async () => (fx = await startPushFixture()));
  afterEach(() => fx.close());

  it('keeps a write made offline queued, and pushes it when the server is back', async () => {
    const { core, db } = await fx.signedInCore('laptop');
    await settle(core);
    const ada = colleagues[0]!;
    await fx.stopServer();
    const changed: unknown[] = [];
    core.events.on('network.changed', (e) => changed.push(e));

    const saved = await core.handlers.network.saveConnection({
      personId: ada.id,
      patch: { kinds: ['mentor'], strength: 4, howMet: 'Offsite in Lyon', since: '2021-03-04' },
    });
    expect(saved).toMatchObject({ personId: ada.id, kinds: ['mentor'], strength: 4, visibility: 'private' });
    expect(changed.length).toBeGreaterThan(0);
    expect(await core.handlers.network.getConnection({ personId: ada.id })).toEqual(saved);
    expect(await outboxSize(db)).toBe(1);
    const offline = await core.handlers.sync.syncNow(undefined);
    expect(offline.state).toBe('offline');
    expect(await outboxSize(db)).toBe(1);

    await fx.restartServer();
    expect(await settle(core)).toMatchObject({ state: 'idle' });
    expect(await outboxSize(db)).toBe(0);
    expect(await serverConnection(fx.server, me, ada.id)).toMatchObject({
      strength: 4,
      how_met: 'Offsite in Lyon',
      since: '2021-03-04',
      deleted: 0,
    });
    const { items } = await core.handlers.network.listConnections({ sort: 'name', direction: 'asc' });
    expect(items).toEqual([
      {
        connection: expect.objectContaining({ strength: 4, howMet: 'Offsite in Lyon' }),
        person: expect.objectContaining({ id: ada.id, name: ada.name }),
      },
    ]);
  });

  it('retries a push whose response was cut off, and the server applies it exactly once', async () => {
    const proxy = await startCuttingProxy(fx.url);
    try {
      const { core, db } = await fx.signedInCore('laptop', { serverUrl: proxy.url });
      await settle(core);
      const bob = colleagues[1]!;
      proxy.cutNext(/push/, 20);
      await core.handlers.network.saveConnection({ personId: bob.id, patch: { strength: 5 } });
      const cut = await core.handlers.sync.syncNow(undefined);
      expect(cut.state).toBe('offline');
      const applied = await serverConnection(fx.server, me, bob.id);
      expect(applied).toMatchObject({ strength: 5 });

      expect(await settle(core)).toMatchObject({ state: 'idle' });
      expect(await outboxSize(db)).toBe(0);
      expect(proxy.requests.filter((r) => r.startsWith('POST /v1/sync/push'))).toHaveLength(2);
      // The retry was a duplicate: the row was not written again.
      expect((await serverConnection(fx.server, me, bob.id))?.seq).toBe(applied?.seq);
      expect(await core.handlers.sync.listRejected(undefined)).toEqual([]);
    } finally {
      await proxy.close();
    }
  });

  it('rolls back a write the server rejects, lists it and says so', async () => {
    const { core, db } = await fx.signedInCore('laptop');
    await settle(core);
    await db
      .insertInto('people')
      .values({
        pk: null,
        id: 'p-ghost',
        email: 'ghost@example.com',
        name: 'Gus Ghost',
        title: '',
        department: 'Nowhere',
        location: 'Nowhere',
        manager_id: null,
        skills: '[]',
        bio: '',
        timezone: 'UTC',
        active: 1,
        seq: 0,
      })
      .execute();
    const rejected: RejectedWrite[] = [];
    core.events.on('sync.rejected', (r) => rejected.push(r));
    const kept = colleagues[2]!;
    await core.handlers.network.saveConnection({ personId: kept.id, patch: { strength: 2 } });
    await core.handlers.network.saveConnection({ personId: 'p-ghost', patch: { strength: 3 } });
    expect(await core.handlers.network.getConnection({ personId: 'p-ghost' })).not.toBeNull();

    expect(await settle(core)).toMatchObject({ state: 'idle' });
    expect(await core.handlers.network.getConnection({ personId: 'p-ghost' })).toBeNull();
    expect(await core.handlers.network.getConnection({ personId: kept.id })).toMatchObject({ strength: 2 });
    expect(await outboxSize(db)).toBe(0);
    const listed = await core.handlers.sync.listRejected(undefined);
    expect(listed).toEqual([
      {
        mutationId: expect.any(Number),
        description: 'Connection with Gus Ghost',
        reason: expect.stringContaining('p-ghost'),
        at: expect.any(Number),
      },
    ]);
    expect(rejected).toEqual(listed);
    await core.handlers.sync.dismissRejected({ mutationId: listed[0]!.mutationId });
    expect(await core.handlers.sync.listRejected(undefined)).toEqual([]);
  });

  it('refuses malformed input with a clear error and writes nothing', async () => {
    const { core, db } = await fx.signedInCore('laptop');
    await settle(core);
    const dispatch = createDispatcher(core.handlers);
    const personId = colleagues[3]!.id;
    const cases: [unknown, RegExp][] = [
      [{ personId, patch: { kinds: ['best_friend'] } }, /patch\.kinds/],
      [{ personId, patch: { strength: 9 } }, /patch\.strength/],
      [{ personId, patch: { since: '2024-13-45' } }, /patch\.since: Expected a date as YYYY-MM-DD/],
      [{ personId, patch: { keepInTouchDays: 400 } }, /patch\.keepInTouchDays/],
      [{ personId, patch: { colour: 'blue' } }, /patch/],
    ];
    for (const [input, message] of cases) {
      const result = await dispatch('network.saveConnection', input);
      expect(result).toEqual({
        ok: false,
        error: { code: 'invalid_input', message: expect.stringMatching(message) },
      });
    }
    expect(await outboxSize(db)).toBe(0);
    expect(await core.handlers.network.getConnection({ personId })).toBeNull();

    await expect(
      core.handlers.network.saveConnection({ personId: 'p-nobody', patch: {} }),
    ).rejects.toMatchObject({ code: 'not_found' });
    await expect(core.handlers.network.saveConnection({ personId: me, patch: {} })).rejects.toMatchObject({
      code: 'invalid_input',
    });
    expect(await outboxSize(db)).toBe(0);
  });
});
