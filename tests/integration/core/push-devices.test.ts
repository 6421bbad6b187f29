import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  colleagues,
  flakyPushFetch,
  me,
  outboxSize,
  serverConnection,
  settle,
  startPushFixture,
} from '../../support/push-fixture.ts';

describe('connections on several devices against a real server', () => {
  let fx: Awaited<ReturnType<typeof startPushFixture>>;
  beforeEach(async () => (fx = await startPushFixture()));
  afterEach(() => fx.close());

  it('keeps a pending local edit through a pull of another field, and both fields end up right', async () => {
    const flaky = flakyPushFetch();
    const laptop = await fx.signedInCore('laptop', { fetch: flaky.fetch });
    const phone = await fx.signedInCore('phone');
    await Promise.all([settle(laptop.core), settle(phone.core)]);
    const ada = colleagues[0]!;
    await laptop.core.handlers.network.saveConnection({
      personId: ada.id,
      patch: { strength: 2, howMet: 'Old' },
    });
    await settle(laptop.core);
    await settle(phone.core);

    flaky.state.blocked = true;
    await laptop.core.handlers.network.saveConnection({ personId: ada.id, patch: { strength: 5 } });
    await phone.core.handlers.network.saveConnection({
      personId: ada.id,
      patch: { howMet: 'Met at the offsite' },
    });
    expect(await settle(phone.core)).toMatchObject({ state: 'idle' });

    const blocked = await settle(laptop.core);
    expect(blocked).toMatchObject({ state: 'error', message: expect.stringContaining('push is down') });
    expect(await outboxSize(laptop.db)).toBe(1);
    // The pull brought the phone's howMet in; the pending strength stayed on top.
    expect(await laptop.core.handlers.network.getConnection({ personId: ada.id })).toMatchObject({
      strength: 5,
      howMet: 'Met at the offsite',
    });

    flaky.state.blocked = false;
    expect(await settle(laptop.core)).toMatchObject({ state: 'idle' });
    await settle(phone.core);
    for (const device of [laptop, phone]) {
      expect(await device.core.handlers.network.getConnection({ personId: ada.id })).toMatchObject({
        strength: 5,
        howMet: 'Met at the offsite',
      });
    }
    expect(await serverConnection(fx.server, me, ada.id)).toMatchObject({
      strength: 5,
      how_met: 'Met at the offsite',
    });
  });

  it('merges two devices editing different fields of one connection offline', async () => {
    const laptop = await fx.signedInCore('laptop');
    const phone = await fx.signedInCore('phone');
    await Promise.all([settle(laptop.core), settle(phone.core)]);
    const bob = colleagues[1]!;
    await laptop.core.handlers.network.saveConnection({
      personId: bob.id,
      patch: { kinds: ['worked_with'] },
    });
    await settle(laptop.core);
    await settle(phone.core);
    expect(await phone.core.handlers.network.getConnection({ personId: bob.id })).toMatchObject({
      kinds: ['worked_with'],
    });

    await fx.stopServer();
    await laptop.core.handlers.network.saveConnection({ personId: bob.id, patch: { strength: 1 } });
    await phone.core.handlers.network.saveConnection({
      personId: bob.id,
      patch: { lastInteractionAt: '2026-11-20', kinds: ['worked_with', 'mentee'], keepInTouchDays: 14 },
    });
    await fx.restartServer();
    await settle(laptop.core);
    await settle(phone.core);
    await settle(laptop.core);

    const expected = {
      strength: 1,
      lastInteractionAt: '2026-11-20',
      kinds: ['worked_with', 'mentee'],
      keepInTouchDays: 14,
    };
    expect(await laptop.core.handlers.network.getConnection({ personId: bob.id })).toMatchObject(expected);
    expect(await phone.core.handlers.network.getConnection({ personId: bob.id })).toMatchObject(expected);
    expect(await outboxSize(laptop.db)).toBe(0);
    expect(await outboxSize(phone.db)).toBe(0);
  });

  it("shows another user's shared connections without how they met, and none of their private ones", async () => {
    const other = colleagues[5]!.id;
    const [shared, hidden] = colleagues.filter((p) => p.id !== other).slice(0, 2);
    const theirs = await fx.signedInCore('their-laptop', { personId: other });
    await settle(theirs.core);
    await theirs.core.handlers.network.saveConnection({
      personId: shared!.id,
      patch: { kinds: ['mentor'], strength: 4, howMet: 'SECRET-HOW-MET', visibility: 'shared' },
    });
    await theirs.core.handlers.network.saveConnection({
      personId: hidden!.id,
      patch: { strength: 2, howMet: 'SECRET-PRIVATE' },
    });
    expect(await settle(theirs.core)).toMatchObject({ state: 'idle' });

    const mine = await fx.signedInCore('my-laptop');
    expect(await settle(mine.core)).toMatchObject({ state: 'idle' });
    expect(await mine.db.selectFrom('shared_connections').selectAll().execute()).toEqual([
      { owner_id: other, person_id: shared!.id, kinds: '["mentor"]', strength: 4, seq: expect.any(Number) },
    ]);
    expect(await mine.core.handlers.network.listConnections({ sort: 'name', direction: 'asc' })).toEqual({
      items: [],
    });
    const pulled = await fetch(`${fx.server.url}/v1/sync/pull?since=0&limit=5000`, {
      headers: { authorization: `Bearer ${mine.token}` },
    });
    expect(await pulled.text()).not.toMatch(/SECRET/);

    // Turning it private removes it from my view at the next pull.
    await theirs.core.handlers.network.saveConnection({
      personId: shared!.id,
      patch: { visibility: 'private' },
    });
    await settle(theirs.core);
    await settle(mine.core);
    expect(await mine.db.selectFrom('shared_connections').selectAll().execute()).toEqual([]);
  });
});

describe('pending writes across a cursor reset and a sign-out', () => {
  let fx: Awaited<ReturnType<typeof startPushFixture>>;
  beforeEach(async () => (fx = await startPushFixture()));
  afterEach(() => fx.close());

  it('keeps pending writes through a new snapshot, then pushes them', async () => {
    const flaky = flakyPushFetch();
    const { core, db } = await fx.signedInCore('laptop', { fetch: flaky.fetch });
    await settle(core);
    const ada = colleagues[0]!;
    flaky.state.blocked = true;
    await core.handlers.network.saveConnection({ personId: ada.id, patch: { strength: 4 } });
    await fx.rebuildServer();

    expect(await settle(core)).toMatchObject({ state: 'error' });
    expect(await outboxSize(db)).toBe(1);
    expect(await core.handlers.network.getConnection({ personId: ada.id })).toMatchObject({ strength: 4 });

    flaky.state.blocked = false;
    expect(await settle(core)).toMatchObject({ state: 'idle' });
    expect(await outboxSize(db)).toBe(0);
    expect(await serverConnection(fx.server, me, ada.id)).toMatchObject({ strength: 4 });
  });

  it('refuses to sign out while a write has not reached the server, changing nothing', async () => {
    const { core, db } = await fx.signedInCore('laptop');
    await settle(core);
    await fx.stopServer();
    await core.handlers.network.saveConnection({ personId: colleagues[0]!.id, patch: { strength: 4 } });
    await expect(core.handlers.session.signOut(undefined)).rejects.toThrow(
      /1 change has not reached the server yet/,
    );
    expect(await outboxSize(db)).toBe(1);
    expect(await core.handlers.session.getSession(undefined)).toMatchObject({ state: 'signed_in' });
    expect(await core.handlers.network.getConnection({ personId: colleagues[0]!.id })).toMatchObject({
      strength: 4,
    });
  });

  it('forgets every personal row and the client id on sign-out once its writes are pushed', async () => {
    const { core, db } = await fx.signedInCore('laptop');
    await settle(core);
    await core.handlers.network.saveConnection({ personId: colleagues[0]!.id, patch: { strength: 4 } });
    await core.handlers.session.signOut(undefined);
    expect(await serverConnection(fx.server, me, colleagues[0]!.id)).toMatchObject({ strength: 4 });
    for (const table of ['connections', 'connections_synced', 'shared_connections', 'outbox'] as const) {
      expect(await db.selectFrom(table).select('person_id').execute()).toEqual([]);
    }
    expect(await db.selectFrom('local_state').select('key').where('key', '=', 'clientId').execute()).toEqual(
      [],
    );
    await expect(
      core.handlers.network.saveConnection({ personId: colleagues[0]!.id, patch: {} }),
    ).rejects.toMatchObject({ code: 'unauthorized' });
  });
});
