import type { Kysely } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createNotesEncryption, type NotesEncryptionService } from '#core/notes/notes-encryption';
import { createNotesKey, wrapNotesKey } from '#core/notes/notes-key';
import { openLocalDb, type LocalDb } from '#core/store/local-db';
import { writeState } from '#core/store/local-state.repo';
import { ServerError, type ServerClient } from '#core/sync/server-client';
import type { WrappedNotesKey } from '#shared/wire/notes';
import { fileKeyStore } from '../../../support/file-key-store.ts';
import { makeTempDir } from '../../../support/temp-dir.ts';

const PASSPHRASE = 'a long and private passphrase';

/** The two notes-key calls of a server client, scripted. */
function stubClient(
  script: {
    get?: () => Promise<{ notesKey: WrappedNotesKey | null }>;
    put?: (key: WrappedNotesKey) => Promise<{ notesKey: WrappedNotesKey | null }>;
  } = {},
) {
  const puts: WrappedNotesKey[] = [];
  const client = {
    getNotesKey: script.get ?? (async () => ({ notesKey: puts.at(-1) ?? null })),
    putNotesKey: async (key: WrappedNotesKey) => {
      puts.push(key);
      return script.put ? script.put(key) : { notesKey: key };
    },
  };
  return { client: client as unknown as ServerClient, puts };
}

describe('notes encryption', () => {
  let dir: Awaited<ReturnType<typeof makeTempDir>>;
  let db: Kysely<LocalDb>;
  let client: ServerClient | null;
  let changes: number;
  let encryption: NotesEncryptionService;

  beforeEach(async () => {
    dir = await makeTempDir();
    db = await openLocalDb(dir.path);
    await writeState(db, 'account', { serverUrl: 'http://127.0.0.1:1', personId: 'me', demo: false });
    client = null;
    changes = 0;
    encryption = createNotesEncryption({
      db,
      keyStore: fileKeyStore(dir.path),
      signedInPersonId: async () => 'me',
      client: () => client,
      emit: (event) => {
        if (event === 'notes.changed') changes++;
      },
      syncSoon: () => undefined,
      scrypt: { N: 2 ** 14, r: 8, p: 1 },
    });
  });
  afterEach(async () => {
    await db.destroy();
    await dir.remove();
  });

  it('refuses a second key when another device stored one first (409), and says to unlock instead', async () => {
    client = stubClient({
      put: async () => {
        throw new ServerError('conflict', 'another key');
      },
      get: async () => ({ notesKey: null }),
    }).client;
    await expect(encryption.setUpEncryption(PASSPHRASE)).rejects.toMatchObject({
      code: 'conflict',
      message: expect.stringMatching(/unlock your notes with that passphrase/),
    });
    expect(await encryption.cipher()).toBeNull();
    expect((await encryption.getEncryption()).state).toBe('locked');
    expect(changes).toBe(1);
  });

  it('needs the server to set up or unlock, and says so', async () => {
    await expect(encryption.setUpEncryption(PASSPHRASE)).rejects.toMatchObject({ code: 'unauthorized' });
    client = stubClient({
      get: async () => {
        throw new ServerError('offline', 'down');
      },
    }).client;
    await expect(encryption.unlock(PASSPHRASE)).rejects.toMatchObject({
      code: 'offline',
      message: expect.stringMatching(/unlocking your notes needs it/),
    });
    await expect(encryption.setUpEncryption('short')).rejects.toMatchObject({ code: 'invalid_input' });
    expect((await encryption.getEncryption()).state).toBe('device_only');
  });

  it('sets up once, then unlocks elsewhere with the same key; learns at sync that a key exists', async () => {
    const server = stubClient();
    client = server.client;
    expect(await encryption.setUpEncryption(PASSPHRASE)).toMatchObject({ state: 'ready' });
    expect(server.puts).toHaveLength(1);
    await expect(encryption.setUpEncryption(PASSPHRASE)).rejects.toMatchObject({ code: 'conflict' });
    const mine = await encryption.cipher();

    // Another device of the same person, on its own database and keychain.
    const other = await makeTempDir();
    const otherDb = await openLocalDb(other.path);
    try {
      await writeState(otherDb, 'account', { serverUrl: 'http://127.0.0.1:1', personId: 'me', demo: false });
      const elsewhere = createNotesEncryption({
        db: otherDb,
        keyStore: fileKeyStore(other.path),
        signedInPersonId: async () => 'me',
        client: () => server.client,
        emit: () => undefined,
        syncSoon: () => undefined,
      });
      expect((await elsewhere.getEncryption()).state).toBe('device_only');
      await elsewhere.refreshKeyState(server.client);
      expect((await elsewhere.getEncryption()).state).toBe('locked');
      await expect(elsewhere.unlock('a wrong but long passphrase')).rejects.toMatchObject({
        code: 'invalid_input',
      });
      expect((await elsewhere.getEncryption()).state).toBe('locked');
      expect(await elsewhere.unlock(PASSPHRASE)).toMatchObject({ state: 'ready' });
      expect((await elsewhere.cipher())?.key.equals(mine!.key)).toBe(true);
    } finally {
      await otherDb.destroy();
      await other.remove();
    }
  });

  it('changes the passphrase only when ready and the server holds the key this device has', async () => {
    const NEXT = 'the next passphrase, longer';
    const server = stubClient();
    client = server.client;
    await expect(encryption.changePassphrase({ current: PASSPHRASE, next: NEXT })).rejects.toMatchObject({
      code: 'conflict',
      message: expect.stringMatching(/not set up on this device/),
    });
    await encryption.setUpEncryption(PASSPHRASE);
    const [first] = server.puts;

    // The server's key is another one (set up again elsewhere): nothing is re-wrapped.
    const another = await wrapNotesKey(createNotesKey(), PASSPHRASE, 'me', { N: 2 ** 14, r: 8, p: 1 });
    client = stubClient({ get: async () => ({ notesKey: another }) }).client;
    await expect(encryption.changePassphrase({ current: PASSPHRASE, next: NEXT })).rejects.toMatchObject({
      code: 'conflict',
      message: expect.stringMatching(/different notes key than this device/),
    });

    // The connection drops on the way in: the message says the change may have landed.
    client = stubClient({
      get: async () => ({ notesKey: first! }),
      put: async () => {
        throw new ServerError('offline', 'down');
      },
    }).client;
    await expect(encryption.changePassphrase({ current: PASSPHRASE, next: NEXT })).rejects.toMatchObject({
      code: 'offline',
      message: expect.stringMatching(/new passphrase is the one that works/),
    });

    client = server.client;
    expect(await encryption.changePassphrase({ current: PASSPHRASE, next: NEXT })).toMatchObject({
      state: 'ready',
    });
    expect(server.puts).toHaveLength(2);
    expect(server.puts[1]).toMatchObject({ keyId: first!.keyId });
    expect(server.puts[1]!.kdf.salt).not.toBe(first!.kdf.salt);
    await expect(encryption.changePassphrase({ current: PASSPHRASE, next: NEXT })).rejects.toMatchObject({
      code: 'invalid_input',
      message: expect.stringMatching(/^Wrong passphrase/),
    });
  });
});
