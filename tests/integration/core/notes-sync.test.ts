import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Core } from '#core/core-types';
import { fileKeyStore } from '../../support/file-key-store.ts';
import { makeTempDir } from '../../support/temp-dir.ts';
import {
  ada,
  flakyPushFetch,
  me,
  note,
  outboxSize,
  settle,
  startPushFixture,
} from '../../support/push-fixture.ts';

const PASSPHRASE = 'a long and private passphrase';

const bodies = async (core: Core) =>
  (await core.handlers.notes.listForPerson({ personId: ada.id })).map((n) => n.body).sort();

describe('end-to-end encrypted notes on several devices against a real server', () => {
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

  /** A device with its own keychain (a file), signed in as the demo user and synced once. */
  async function device(name: string, options: { fetch?: typeof globalThis.fetch } = {}) {
    const keyStore = fileKeyStore(join(keys.path, name));
    const d = await fx.signedInCore(name, { ...options, keyStore });
    await settle(d.core);
    return { ...d, keyStore };
  }

  const serverNotes = () => fx.server.db.selectFrom('notes').selectAll().where('owner_id', '=', me).execute();

  it('keeps notes on the device until a passphrase is set up, then syncs them as ciphertext only', async () => {
    const laptop = await device('laptop');
    await laptop.core.handlers.notes.save(note('SECRET-ONE about Kubernetes'));
    await laptop.core.handlers.notes.save(note('SECRET-TWO', { tags: ['mentoring'] }));
    await settle(laptop.core);
    expect(await serverNotes()).toEqual([]);
    expect(await outboxSize(laptop.db)).toBe(0);
    expect(await laptop.core.handlers.notes.getEncryption(undefined)).toEqual({
      state: 'device_only',
      lockedNotes: 0,
      unreadableNotes: 0,
      unsyncedNotes: 2,
    });

    expect(await laptop.core.handlers.notes.setUpEncryption({ passphrase: PASSPHRASE })).toMatchObject({
      state: 'ready',
    });
    expect(await settle(laptop.core)).toMatchObject({ state: 'idle' });
    const stored = await serverNotes();
    expect(stored).toHaveLength(2);
    expect(JSON.stringify(stored)).not.toMatch(/SECRET|Kubernetes|mentoring/);
    const key = await fx.server.db.selectFrom('notes_keys').selectAll().execute();
    expect(JSON.stringify(key)).not.toContain((await laptop.keyStore.load(me))!.key.toString('base64url'));
    expect(await laptop.core.handlers.notes.getEncryption(undefined)).toEqual({
      state: 'ready',
      lockedNotes: 0,
      unreadableNotes: 0,
      unsyncedNotes: 0,
    });
    expect(await bodies(laptop.core)).toEqual(['SECRET-ONE about Kubernetes', 'SECRET-TWO']);

    // A second device that has not heard yet cannot set up another key: it is told to unlock instead.
    const phone = await device('phone');
    await expect(
      phone.core.handlers.notes.setUpEncryption({ passphrase: 'another passphrase!' }),
    ).rejects.toMatchObject({
      code: 'conflict',
      message: expect.stringMatching(/unlock/),
    });
  });

  it('unlocks the notes on a new device with the passphrase; a wrong one changes nothing', async () => {
    const laptop = await device('laptop');
    await laptop.core.handlers.notes.save(
      note('From the laptop', { interaction: { type: 'coffee', on: '2026-11-02' } }),
    );
    await laptop.core.handlers.notes.setUpEncryption({ passphrase: PASSPHRASE });
    await settle(laptop.core);

    const phone = await device('phone');
    await phone.core.handlers.notes.save(note('Written on the phone before unlocking'));
    expect(await phone.core.handlers.notes.getEncryption(undefined)).toEqual({
      state: 'locked',
      lockedNotes: 1,
      unreadableNotes: 0,
      unsyncedNotes: 1,
    });
    await expect(
      phone.core.handlers.notes.unlock({ passphrase: 'not the passphrase' }),
    ).rejects.toMatchObject({
      code: 'invalid_input',
      message: expect.stringMatching(/^Wrong passphrase/),
    });
    expect(await phone.keyStore.load(me)).toBeNull();
    expect(await phone.core.handlers.notes.getEncryption(undefined)).toMatchObject({
      state: 'locked',
      lockedNotes: 1,
    });
    expect(await bodies(phone.core)).toEqual(['Written on the phone before unlocking']);
    expect(await outboxSize(phone.db)).toBe(0);

    expect(await phone.core.handlers.notes.unlock({ passphrase: PASSPHRASE })).toMatchObject({
      state: 'ready',
    });
    expect(await bodies(phone.core)).toEqual(['From the laptop', 'Written on the phone before unlocking']);
    const [fromLaptop] = await phone.core.handlers.notes
      .search({ text: 'laptop', limit: 10 })
      .then((r) => r.items);
    expect(fromLaptop?.note.interaction).toEqual({ type: 'coffee', on: '2026-11-02' });

    await settle(phone.core);
    await settle(laptop.core);
    expect(await bodies(laptop.core)).toEqual(['From the laptop', 'Written on the phone before unlocking']);
  });

  it('keeps both texts of a note edited on two devices offline, the copy on both', async () => {
    const laptop = await device('laptop');
    const original = await laptop.core.handlers.notes.save(note('Original'));
    await laptop.core.handlers.notes.setUpEncryption({ passphrase: PASSPHRASE });
    await settle(laptop.core);
    const phone = await device('phone');
    await phone.core.handlers.notes.unlock({ passphrase: PASSPHRASE });
    await settle(phone.core);
    await settle(laptop.core);

    await fx.stopServer();
    await laptop.core.handlers.notes.save({ ...note('Laptop text'), id: original.id });
    await phone.core.handlers.notes.save({ ...note('Phone text'), id: original.id });
    await fx.restartServer();
    expect(await settle(laptop.core)).toMatchObject({ state: 'idle' });
    expect(await settle(phone.core)).toMatchObject({ state: 'idle' });
    await settle(laptop.core);

    for (const d of [laptop, phone]) {
      const notes = await d.core.handlers.notes.listForPerson({ personId: ada.id });
      expect(notes.map((n) => [n.id === original.id, n.body, n.conflictOf]).sort()).toEqual([
        [false, 'Phone text', original.id],
        [true, 'Laptop text', null],
      ]);
      expect(await outboxSize(d.db)).toBe(0);
    }

    // Keeping the copy as a note of its own reaches the other device too.
    const copy = (await laptop.core.handlers.notes.listForPerson({ personId: ada.id })).find(
      (n) => n.conflictOf,
    )!;
    await laptop.core.handlers.notes.dismissConflict({ id: copy.id });
    await settle(laptop.core);
    await settle(phone.core);
    const onPhone = await phone.core.handlers.notes.listForPerson({ personId: ada.id });
    expect(onPhone.find((n) => n.id === copy.id)?.conflictOf).toBeNull();
  });

  it('never lets a pulled change overwrite a pending local edit', async () => {
    const flaky = flakyPushFetch();
    const laptop = await device('laptop', { fetch: flaky.fetch });
    const original = await laptop.core.handlers.notes.save(note('Original'));
    await laptop.core.handlers.notes.setUpEncryption({ passphrase: PASSPHRASE });
    await settle(laptop.core);
    const phone = await device('phone');
    await phone.core.handlers.notes.unlock({ passphrase: PASSPHRASE });

    flaky.state.blocked = true;
    await laptop.core.handlers.notes.save({ ...note('Pending on the laptop'), id: original.id });
    await phone.core.handlers.notes.save({ ...note('Pushed from the phone'), id: original.id });
    expect(await settle(phone.core)).toMatchObject({ state: 'idle' });
    expect(await settle(laptop.core)).toMatchObject({ state: 'error' });
    expect(await bodies(laptop.core)).toEqual(['Pending on the laptop']);
    expect(await outboxSize(laptop.db)).toBe(1);

    flaky.state.blocked = false;
    expect(await settle(laptop.core)).toMatchObject({ state: 'idle' });
    expect(await bodies(laptop.core)).toEqual(['Pending on the laptop', 'Pushed from the phone']);
  });

  it('flags a note whose ciphertext was altered on the server, and keeps syncing the rest', async () => {
    const laptop = await device('laptop');
    const victim = await laptop.core.handlers.notes.save(note('Will be tampered with'));
    await laptop.core.handlers.notes.save(note('Stays readable'));
    await laptop.core.handlers.notes.setUpEncryption({ passphrase: PASSPHRASE });
    await settle(laptop.core);

    const row = await fx.server.db
      .selectFrom('notes')
      .select('ciphertext')
      .where('id', '=', victim.id)
      .executeTakeFirstOrThrow();
    const bytes = Buffer.from(row.ciphertext!, 'base64url');
    bytes[bytes.length - 1] = bytes[bytes.length - 1]! ^ 0x01;
    await fx.server.db
      .updateTable('notes')
      .set({ ciphertext: bytes.toString('base64url') })
      .where('id', '=', victim.id)
      .execute();

    const phone = await device('phone');
    expect(await phone.core.handlers.notes.unlock({ passphrase: PASSPHRASE })).toEqual({
      state: 'ready',
      lockedNotes: 0,
      unreadableNotes: 1,
      unsyncedNotes: 0,
    });
    expect(await bodies(phone.core)).toEqual(['Stays readable']);
    await phone.core.handlers.notes.save(note('Written after'));
    expect(await settle(phone.core)).toMatchObject({ state: 'idle' });
    await settle(laptop.core);
    expect(await bodies(laptop.core)).toEqual(['Stays readable', 'Will be tampered with', 'Written after']);
  });

  const serverKey = () =>
    fx.server.db.selectFrom('notes_keys').selectAll().where('owner_id', '=', me).executeTakeFirstOrThrow();

  it('changes the passphrase: devices already unlocked keep syncing, a new one needs the new passphrase', async () => {
    const NEXT = 'a different and longer passphrase';
    const laptop = await device('laptop');
    await laptop.core.handlers.notes.save(note('Before the change'));
    await laptop.core.handlers.notes.setUpEncryption({ passphrase: PASSPHRASE });
    await settle(laptop.core);
    const phone = await device('phone');
    await phone.core.handlers.notes.unlock({ passphrase: PASSPHRASE });
    const before = await serverKey();

    await expect(
      laptop.core.handlers.notes.changePassphrase({ current: PASSPHRASE, next: PASSPHRASE }),
    ).rejects.toMatchObject({ code: 'invalid_input', message: expect.stringMatching(/same as the current/) });
    expect(
      await laptop.core.handlers.notes.changePassphrase({ current: PASSPHRASE, next: NEXT }),
    ).toMatchObject({ state: 'ready' });
    const after = await serverKey();
    expect(after.key_id).toBe(before.key_id);
    expect(after.wrapped).not.toBe(before.wrapped);
    expect(JSON.parse(after.wrapped).kdf.salt).not.toBe(JSON.parse(before.wrapped).kdf.salt);

    // The phone holds the key already: it reads and writes notes as before.
    await phone.core.handlers.notes.save(note('From the phone after the change'));
    expect(await settle(phone.core)).toMatchObject({ state: 'idle' });
    await settle(laptop.core);
    expect(await bodies(laptop.core)).toEqual(['Before the change', 'From the phone after the change']);

    const tablet = await device('tablet');
    await expect(tablet.core.handlers.notes.unlock({ passphrase: PASSPHRASE })).rejects.toMatchObject({
      code: 'invalid_input',
      message: expect.stringMatching(/^Wrong passphrase/),
    });
    expect(await tablet.core.handlers.notes.unlock({ passphrase: NEXT })).toMatchObject({ state: 'ready' });
    expect(await bodies(tablet.core)).toEqual(['Before the change', 'From the phone after the change']);
    expect((await tablet.keyStore.load(me))?.keyId).toBe(before.key_id);
  });

  it('refuses a passphrase change with a wrong current passphrase, or offline, and changes nothing', async () => {
    const laptop = await device('laptop');
    await laptop.core.handlers.notes.setUpEncryption({ passphrase: PASSPHRASE });
    await settle(laptop.core);
    const before = await serverKey();

    await expect(
      laptop.core.handlers.notes.changePassphrase({
        current: 'not the passphrase',
        next: 'the next one, then',
      }),
    ).rejects.toMatchObject({ code: 'invalid_input', message: expect.stringMatching(/^Wrong passphrase/) });
    expect(await serverKey()).toEqual(before);

    await fx.stopServer();
    await expect(
      laptop.core.handlers.notes.changePassphrase({ current: PASSPHRASE, next: 'the next one, then' }),
    ).rejects.toMatchObject({ code: 'offline', message: expect.stringMatching(/needs it/) });
    await fx.restartServer();
    expect(await serverKey()).toEqual(before);
    expect(await laptop.core.handlers.notes.getEncryption(undefined)).toMatchObject({ state: 'ready' });

    // The old passphrase still opens the notes on a new device.
    const phone = await device('phone');
    expect(await phone.core.handlers.notes.unlock({ passphrase: PASSPHRASE })).toMatchObject({
      state: 'ready',
    });
  });

  it('signs out once every note is on the server, forgetting the notes and the key here', async () => {
    const laptop = await device('laptop');
    await laptop.core.handlers.notes.save(note('On the server soon'));
    await expect(laptop.core.handlers.session.signOut(undefined)).rejects.toThrow(
      /1 note is only on this computer/,
    );
    await laptop.core.handlers.notes.setUpEncryption({ passphrase: PASSPHRASE });
    expect(await laptop.core.handlers.session.signOut(undefined)).toMatchObject({ state: 'signed_out' });
    expect(await serverNotes()).toHaveLength(1);
    expect(await laptop.db.selectFrom('notes').select('id').execute()).toEqual([]);
    expect(await laptop.db.selectFrom('notes_synced').select('id').execute()).toEqual([]);
    expect(await laptop.keyStore.load(me)).toBeNull();
  });
});
