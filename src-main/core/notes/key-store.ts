import { z } from 'zod';
import type { SecretStore } from '../core-types.ts';

/** The owner's notes key, unwrapped: 32 random bytes and the id that names them. */
export interface NotesKey {
  keyId: string;
  key: Buffer;
}

/**
 * Where this device keeps the unwrapped notes key of an account: the OS keychain in the app (through the
 * SecretStore, Electron safeStorage), a file in the web host and in tests.
 */
export interface KeyStore {
  load(accountId: string): Promise<NotesKey | null>;
  save(accountId: string, key: NotesKey): Promise<void>;
  forget(accountId: string): Promise<void>;
}

const StoredKey = z.object({ keyId: z.string().min(1), key: z.base64url() });

const secretName = (accountId: string) => `notes-key:${accountId}`;

/** A KeyStore over the SecretStore that already holds the access token. */
export function createSecretKeyStore(secrets: SecretStore): KeyStore {
  return {
    async load(accountId) {
      const text = await secrets.get(secretName(accountId));
      if (text === null) return null;
      let stored: unknown;
      try {
        stored = JSON.parse(text);
      } catch {
        return null;
      }
      const parsed = StoredKey.safeParse(stored);
      if (!parsed.success) return null; // unusable: the passphrase unlocks the notes again
      const key = Buffer.from(parsed.data.key, 'base64url');
      return key.length === 32 ? { keyId: parsed.data.keyId, key } : null;
    },
    save: (accountId, { keyId, key }) =>
      secrets.set(secretName(accountId), JSON.stringify({ keyId, key: key.toString('base64url') })),
    forget: (accountId) => secrets.delete(secretName(accountId)),
  };
}
