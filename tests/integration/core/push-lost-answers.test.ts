import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Core } from '#core/core-types';
import { deletePerson } from '#server/server';
import { startFaultProxy, type FaultProxy } from '../../support/fault-proxy.ts';
import { fileKeyStore } from '../../support/file-key-store.ts';
import { makeTempDir } from '../../support/temp-dir.ts';
import { ada, colleagues, note, outboxSize, settle, startPushFixture } from '../../support/push-fixture.ts';

const PUSH = '/v1/sync/push';
const PASSPHRASE = 'a long and private passphrase';

/**
 * A push the server processed but whose answer never reached the client (cut off mid-body): the retry must
 * settle each write as the first push did, not as an acknowledged duplicate.
 */
describe('a push answer lost after the server processed it', () => {
  let fx: Awaited<ReturnType<typeof startPushFixture>>;
  let keys: Awaited<ReturnType<typeof makeTempDir>>;
  let proxy: FaultProxy;
  beforeEach(async () => {
    fx = await startPushFixture();
    keys = await makeTempDir();
  });
  afterEach(async () => {
    await proxy?.close();
    await fx.close();
    await keys.remove();
  });

  async function device(name: string, options: { serverUrl?: string } = {}) {
    const d = await fx.signedInCore(name, { ...options, keyStore: fileKeyStore(join(keys.path, name)) });
    await settle(d.core);
    return d;
  }

  const bodies = async (core: Core) =>
    (await core.handlers.notes.listForPerson({ personId: ada.id }))
      .map((n) => [n.body, n.conflictOf === null ? 'note' : 'copy'])
      .sort();

  it('still makes the conflict copy of a note edited on two devices, on both devices', async () => {
    const laptop = await device('laptop');
    const original = await laptop.core.handlers.notes.save(note('Original'));
    await laptop.core.handlers.notes.setUpEncryption({ passphrase: PASSPHRASE });
    await settle(laptop.core);
    proxy = await startFaultProxy(fx.url);
    const phone = await device('phone', { serverUrl: proxy.url });
    await phone.core.handlers.notes.unlock({ passphrase: PASSPHRASE });
    await settle(phone.core);

    await fx.stopServer();
    await laptop.core.handlers.notes.save({ ...note('Laptop text'), id: original.id });
    await phone.core.handlers.notes.save({ ...note('Phone text'), id: original.id });
    await fx.restartServer();
    expect(await settle(laptop.core)).toMatchObject({ state: 'idle' });

    proxy.fail(PUSH, { kind: 'truncate', keepBytes: 10 });
    expect(await settle(phone.core)).toMatchObject({ state: 'offline' });
    const [lost] = proxy.requestsTo(PUSH);
    expect(lost?.responseBody).toMatch(/"status":"conflict"/); // the server did decide it
    expect(await outboxSize(phone.db)).toBe(1);

    proxy.heal();
    expect(await settle(phone.core)).toMatchObject({ state: 'idle' });
    await settle(laptop.core);
    for (const d of [laptop, phone]) {
      expect(await bodies(d.core)).toEqual([
        ['Laptop text', 'note'],
        ['Phone text', 'copy'],
      ]);
      expect(await outboxSize(d.db)).toBe(0);
    }
  });

  it('still shows a connection write the server refused, and rolls it back', async () => {
    proxy = await startFaultProxy(fx.url);
    const phone = await device('phone', { serverUrl: proxy.url });
    const gone = colleagues[1]!;
    const seen: unknown[] = [];
    phone.core.events.on('sync.rejected', (write) => seen.push(write));
    await fx.stopServer();
    await phone.core.handlers.network.saveConnection({ personId: gone.id, patch: { strength: 5 } });
    await fx.restartServer();
    await deletePerson(fx.server.db, gone.id); // left the company meanwhile

    proxy.fail(PUSH, { kind: 'truncate', keepBytes: 10 });
    expect(await settle(phone.core)).toMatchObject({ state: 'offline' });
    expect(await outboxSize(phone.db)).toBe(1);
    proxy.heal();
    expect(await settle(phone.core)).toMatchObject({ state: 'idle' });

    const rejected = await phone.core.handlers.sync.listRejected(undefined);
    expect(rejected).toEqual([expect.objectContaining({ reason: `No colleague with id ${gone.id}` })]);
    expect(seen).toHaveLength(1);
    expect(await phone.core.handlers.network.getConnection({ personId: gone.id })).toBeNull();
    expect(await outboxSize(phone.db)).toBe(0);
  });
});
