import { ChangePassphraseInput, PassphraseInput, type NotesEncryption } from '#shared/domain/note';
import { KithError } from '#shared/errors';
import type { LocalWriterOptions } from '../core-types.ts';
import { announceWrites } from '../events.ts';
import { readState, writeState } from '../store/local-state.repo.ts';
import { ServerError, type ServerClient } from '../sync/server-client.ts';
import type { KeyStore, NotesKey } from './key-store.ts';
import type { NoteCipherContext } from './note-cipher.ts';
import {
  createNotesKey,
  DEFAULT_SCRYPT,
  unwrapNotesKey,
  wrapNotesKey,
  type ScryptParams,
} from './notes-key.ts';
import {
  countNotesByState,
  listSyncedNoteIds,
  queueNeverSyncedNotes,
  refreshNotesFromServer,
} from './synced-notes.repo.ts';

/** Emits 'notes.changed' when notes, or where this device stands with their encryption, changed. */
export interface NotesEncryptionOptions extends LocalWriterOptions {
  keyStore: KeyStore;
  /** The client of the current session, or null when signed out. */
  client: () => ServerClient | null;
  /** The scrypt cost for a new passphrase; tests lower it. */
  scrypt?: ScryptParams;
}

const ALREADY_SET_UP =
  'A passphrase for notes was already set up on another device: unlock your notes with that passphrase instead.';

const KEY_MISMATCH =
  'The server holds a different notes key than this device (was encryption set up again elsewhere?), ' +
  'so the passphrase was not changed.';

function toKithError(err: unknown, doing: string): KithError {
  if (err instanceof KithError) return err;
  if (err instanceof ServerError) {
    if (err.kind === 'offline') return new KithError('offline', `Can't reach the server: ${doing} needs it.`);
    if (err.kind === 'unauthorized') return new KithError('unauthorized', err.message);
    if (err.kind === 'conflict') return new KithError('conflict', ALREADY_SET_UP);
    return new KithError('unavailable', err.message);
  }
  return new KithError('internal', String(err));
}

/**
 * End-to-end encryption of notes on this device: the notes key in the KeyStore (the OS keychain), wrapped by
 * the passphrase on the server. Until a passphrase is set up notes stay here; a new device unlocks them.
 */
export function createNotesEncryption(options: NotesEncryptionOptions) {
  const { db, keyStore, signedInPersonId, now = Date.now } = options;
  const onChanged = announceWrites(options, 'notes.changed');
  let cached: { accountId: string; key: NotesKey } | null = null;
  // Setting up and unlocking run one at a time: two at once could create two keys.
  let queue: Promise<unknown> = Promise.resolve();
  function serialize<T>(step: () => Promise<T>): Promise<T> {
    const run = queue.then(step, step);
    queue = run.catch(() => undefined);
    return run;
  }

  /** The notes key of the account this cache holds, when this device has it. */
  async function cipher(): Promise<NoteCipherContext | null> {
    const account = await readState(db, 'account');
    if (!account) return null;
    if (cached?.accountId !== account.personId) {
      const key = await keyStore.load(account.personId);
      if (!key) return null;
      cached = { accountId: account.personId, key };
    }
    return { ownerId: account.personId, key: cached.key.key };
  }

  async function getEncryption(): Promise<NotesEncryption> {
    const ready = (await cipher()) !== null;
    const counts = await countNotesByState(db);
    const keyOnServer = await readState(db, 'notesKeyOnServer');
    const onServer = keyOnServer === true || counts.waiting + counts.unreadable > 0;
    return {
      state: ready ? 'ready' : onServer ? 'locked' : 'device_only',
      lockedNotes: ready ? 0 : counts.waiting,
      unreadableNotes: counts.unreadable,
      unsyncedNotes: counts.unsynced,
      // Only when it applies: the server was restored or rebuilt without the wrapped key.
      ...(ready && keyOnServer === false ? { keyMissingOnServer: true as const } : {}),
    };
  }

  async function requireSession(doing: string) {
    const personId = await signedInPersonId();
    const client = options.client();
    if (!personId || !client)
      throw new KithError('unauthorized', `Sign in first: ${doing} needs the server.`);
    return { personId, client };
  }

  /** Remembers whether the server holds a key; true when that changes what this device shows. */
  async function markKeyOnServer(onServer: boolean) {
    const before = (await readState(db, 'notesKeyOnServer')) === true;
    await writeState(db, 'notesKeyOnServer', onServer);
    return before !== onServer;
  }

  function checkPassphrase(passphrase: string) {
    const parsed = PassphraseInput.safeParse({ passphrase });
    if (!parsed.success)
      throw new KithError('invalid_input', parsed.error.issues[0]?.message ?? 'Bad passphrase');
  }

  /**
   * Starts syncing with the key: the server's notes decrypted and the local ones queued (encrypted) in one
   * transaction, then the key kept in the KeyStore. In that order, a crash in between leaves the notes
   * queued and the device locked (the passphrase unlocks it again): never a key here with notes that
   * nothing will queue.
   */
  async function adoptKey(personId: string, key: NotesKey) {
    const context = { ownerId: personId, key: key.key };
    await db.transaction().execute(async (trx) => {
      await writeState(trx, 'notesKeyOnServer', true);
      await refreshNotesFromServer(trx, context, await listSyncedNoteIds(trx));
      await queueNeverSyncedNotes(trx, context, now());
    });
    try {
      await keyStore.save(personId, key);
    } catch (err) {
      onChanged(); // the server's notes show; typing the passphrase again keeps the key
      throw err;
    }
    cached = { accountId: personId, key };
    // A note written while the key was being kept was saved as a local one: queue it too.
    await db.transaction().execute((trx) => queueNeverSyncedNotes(trx, context, now()));
    onChanged();
  }

  return {
    cipher,
    getEncryption,

    /**
     * First device: a new notes key, wrapped by the passphrase and stored on the server. On a device that has
     * the key while the server holds none (its data was restored or rebuilt: keyMissingOnServer), this
     * device's key is wrapped and stored again instead, so new devices can unlock the notes it encrypts.
     */
    setUpEncryption: (passphrase: string): Promise<NotesEncryption> =>
      serialize(async () => {
        checkPassphrase(passphrase);
        const doing = 'setting up a passphrase';
        const { personId, client } = await requireSession(doing);
        const ready = (await cipher()) !== null;
        const existing = await client.getNotesKey().catch((err: unknown) => {
          throw toKithError(err, doing);
        });
        if (ready) {
          const local = cached?.key;
          if (existing.notesKey || !local) {
            if (existing.notesKey && (await markKeyOnServer(true))) onChanged();
            throw new KithError('conflict', 'Notes encryption is already set up on this device.');
          }
          const rewrapped = await wrapNotesKey(local, passphrase, personId, options.scrypt ?? DEFAULT_SCRYPT);
          try {
            await client.putNotesKey(rewrapped);
          } catch (err) {
            if (!(err instanceof ServerError && err.kind === 'conflict')) throw toKithError(err, doing);
            if (await markKeyOnServer(true)) onChanged();
            throw new KithError(
              'conflict',
              'Another device stored a notes key meanwhile: nothing was changed.',
            );
          }
          if (await markKeyOnServer(true)) onChanged();
          return getEncryption();
        }
        if (existing.notesKey) {
          if (await markKeyOnServer(true)) onChanged();
          throw new KithError('conflict', ALREADY_SET_UP);
        }
        const key = createNotesKey();
        const wrapped = await wrapNotesKey(key, passphrase, personId, options.scrypt ?? DEFAULT_SCRYPT);
        try {
          await client.putNotesKey(wrapped);
        } catch (err) {
          if (err instanceof ServerError && err.kind === 'conflict' && (await markKeyOnServer(true)))
            onChanged();
          throw toKithError(err, doing);
        }
        await adoptKey(personId, key);
        return getEncryption();
      }),

    /** Another device: the server's notes key, unwrapped with the passphrase. A wrong one changes nothing. */
    unlock: (passphrase: string): Promise<NotesEncryption> =>
      serialize(async () => {
        checkPassphrase(passphrase);
        const doing = 'unlocking your notes';
        const { personId, client } = await requireSession(doing);
        if (await cipher()) return getEncryption();
        const { notesKey } = await client.getNotesKey().catch((err: unknown) => {
          throw toKithError(err, doing);
        });
        if (!notesKey) {
          if (await markKeyOnServer(false)) onChanged();
          throw new KithError('not_found', 'No passphrase was set up for notes yet: set one up instead.');
        }
        const key = await unwrapNotesKey(notesKey, passphrase, personId);
        await adoptKey(personId, key);
        return getEncryption();
      }),

    /**
     * Re-wraps the notes key with a new passphrase (fresh salt) and stores it on the server. The current
     * passphrase must unwrap the server's key, and that key must be the one this device holds; otherwise, or
     * offline, nothing changes. Other devices keep their unwrapped key; a new device needs the new passphrase.
     */
    changePassphrase: (input: ChangePassphraseInput): Promise<NotesEncryption> =>
      serialize(async () => {
        const parsed = ChangePassphraseInput.safeParse(input);
        if (!parsed.success)
          throw new KithError('invalid_input', parsed.error.issues[0]?.message ?? 'Bad passphrase');
        const { current, next } = parsed.data;
        const doing = 'changing your passphrase';
        const { personId, client } = await requireSession(doing);
        const local = await keyStore.load(personId);
        if (!local)
          throw new KithError(
            'conflict',
            'Notes encryption is not set up on this device: set up or unlock your notes first.',
          );
        const { notesKey } = await client.getNotesKey().catch((err: unknown) => {
          throw toKithError(err, doing);
        });
        if (!notesKey)
          throw new KithError(
            'not_found',
            'The server holds no notes key for you (was it reset?). Nothing was changed.',
          );
        const key = await unwrapNotesKey(notesKey, current, personId);
        if (key.keyId !== local.keyId || !key.key.equals(local.key))
          throw new KithError('conflict', KEY_MISMATCH);
        const wrapped = await wrapNotesKey(key, next, personId, options.scrypt ?? DEFAULT_SCRYPT);
        try {
          await client.putNotesKey(wrapped);
        } catch (err) {
          if (err instanceof ServerError && err.kind === 'offline')
            throw new KithError(
              'offline',
              "Can't reach the server: changing your passphrase needs it. If the change got there before " +
                'the connection dropped, the new passphrase is the one that works from now on.',
            );
          if (err instanceof ServerError && err.kind === 'conflict')
            throw new KithError('conflict', KEY_MISMATCH);
          throw toKithError(err, doing);
        }
        return getEncryption();
      }),

    /**
     * At each sync, until the server is known to hold a key: learns whether another device set up a
     * passphrase or, on a device that has the key, that a restored or rebuilt server lost its wrapped copy
     * (getEncryption says so; notes keep syncing, encrypted with the same key). A server that cannot answer
     * (an older one) leaves the state as it was.
     */
    async refreshKeyState(client: ServerClient) {
      if ((await readState(db, 'notesKeyOnServer')) === true) return;
      try {
        const { notesKey } = await client.getNotesKey();
        if (await markKeyOnServer(notesKey !== null)) onChanged();
      } catch (err) {
        if (err instanceof ServerError && (err.kind === 'offline' || err.kind === 'unauthorized')) throw err;
        console.warn('Could not learn whether notes encryption is set up:', err);
      }
    },

    /** Sign-out or another account: the key leaves this device (it stays wrapped on the server). */
    async forgetKey(accountId: string) {
      cached = null;
      await keyStore.forget(accountId);
    },
  };
}
export type NotesEncryptionService = ReturnType<typeof createNotesEncryption>;
