import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Core } from '#core/core-types';
import { fileKeyStore } from '../../support/file-key-store.ts';
import { makeTempDir } from '../../support/temp-dir.ts';
import { ada, me, note, outboxSize, settle, startPushFixture } from '../../support/push-fixture.ts';

const PASSPHRASE = 'a long and private passphrase';

const bodies = async (core: Core) =>
  (await core.handlers.notes.listForPerson({ personId: ada.id })).map((n) => n.body).sort();

describe('notes on a device whose server was restored or rebuilt', () => {
  let fx: Awaited<ReturnType<typeof startPushFixture>>;
  let keys: Awaited<ReturnType<typeof makeTempDir>>;
  beforeEach(async () => {
    fx = await startPushFixture();
    keys = await makeTempDir();
  });
  afterEach(async () => {
    await fx.close();
    await keys.remove();
  });

  async function device(name: string) {
    const keyStore = fileKeyStore(join(keys.path, name));
    const d = await fx.signedInCore(name, { keyStore });
    await settle(d.core);
    return { ...d, keyStore };
  }

  /** The server's copies of the demo user's notes, as a new device unlocking there reads them. */
  async function readOnNewDevice(name: string) {
    const fresh = await device(name);
    await fresh.core.handlers.notes.unlock({ passphrase: PASSPHRASE });
    return bodies(fresh.core);
  }

  const serverNotes = () =>
    fx.server.db
      .selectFrom('notes')
      .select('id')
      .where('owner_id', '=', me)
      .where('deleted', '=', 0)
      .execute();

  it('keeps the notes a rebuilt server lost, sends them again, and asks for the passphrase to store the key', async () => {
    const laptop = await device('laptop');
    await laptop.core.handlers.notes.save(note('Synced before the rebuild'));
    await laptop.core.handlers.notes.setUpEncryption({ passphrase: PASSPHRASE });
    await settle(laptop.core);
    expect(await serverNotes()).toHaveLength(1);

    await fx.rebuildServer();
    expect(await settle(laptop.core)).toMatchObject({ state: 'idle' });
    expect(await settle(laptop.core)).toMatchObject({ state: 'idle' });
    expect(await bodies(laptop.core)).toEqual(['Synced before the rebuild']);
    expect(await serverNotes()).toHaveLength(1);
    expect(await outboxSize(laptop.db)).toBe(0);

    // The rebuilt server has no wrapped key: notes sync with the key here, and the UI asks to store it again.
    expect(await laptop.core.handlers.notes.getEncryption(undefined)).toEqual({
      state: 'ready',
      lockedNotes: 0,
      unreadableNotes: 0,
      unsyncedNotes: 0,
      keyMissingOnServer: true,
    });
    const keyId = (await laptop.keyStore.load(me))!.keyId;
    expect(await laptop.core.handlers.notes.setUpEncryption({ passphrase: PASSPHRASE })).toEqual({
      state: 'ready',
      lockedNotes: 0,
      unreadableNotes: 0,
      unsyncedNotes: 0,
    });
    expect(await readOnNewDevice('phone')).toEqual(['Synced before the rebuild']);
    expect((await laptop.keyStore.load(me))!.keyId).toBe(keyId);
  });

  it('keeps the text edited here after the backup a server was restored from, and sends it again', async () => {
    const laptop = await device('laptop');
    const edited = await laptop.core.handlers.notes.save(note('Written before the backup'));
    await laptop.core.handlers.notes.save(note('Unchanged since the backup'));
    await laptop.core.handlers.notes.setUpEncryption({ passphrase: PASSPHRASE });
    await settle(laptop.core);
    const backup = await fx.backupServer();

    await laptop.core.handlers.notes.save({ ...note('Edited after the backup'), id: edited.id });
    await laptop.core.handlers.notes.save(note('Written after the backup'));
    await settle(laptop.core);
    expect(await outboxSize(laptop.db)).toBe(0);

    await fx.restoreServer(backup);
    expect(await settle(laptop.core)).toMatchObject({ state: 'idle' });
    expect(await settle(laptop.core)).toMatchObject({ state: 'idle' });
    const expected = ['Edited after the backup', 'Unchanged since the backup', 'Written after the backup'];
    expect(await bodies(laptop.core)).toEqual(expected);
    expect(await outboxSize(laptop.db)).toBe(0);
    expect(await laptop.core.handlers.notes.getEncryption(undefined)).not.toHaveProperty(
      'keyMissingOnServer',
    );
    expect(await readOnNewDevice('phone')).toEqual(expected);
  });
});
