import { createCipheriv, createDecipheriv, randomBytes, scrypt, type ScryptOptions } from 'node:crypto';
import type { WrappedNotesKey } from '#shared/wire/notes';
import { KithError } from '#shared/errors';
import type { NotesKey } from './key-store.ts';

const KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;

export interface ScryptParams {
  N: number;
  r: number;
  p: number;
}

/** About a quarter of a second and 64 MiB on a laptop: slow to guess, quick enough to type once per device. */
export const DEFAULT_SCRYPT: ScryptParams = { N: 2 ** 16, r: 8, p: 1 };

/** A fresh notes key: 32 random bytes, named by a random id. */
export function createNotesKey(): NotesKey {
  return { keyId: randomBytes(16).toString('base64url'), key: randomBytes(KEY_BYTES) };
}

const wrapAad = (ownerId: string, keyId: string) =>
  Buffer.from(`kith-notes-key:v1:${ownerId}:${keyId}`, 'utf8');

function deriveKey(passphrase: string, salt: Buffer, { N, r, p }: ScryptParams): Promise<Buffer> {
  // scrypt needs 128·N·r bytes (64 MiB at the defaults); Node's default ceiling is 32 MiB.
  const options: ScryptOptions = { N, r, p, maxmem: 128 * N * r * p + 32 * 1024 * 1024 };
  return new Promise((resolve, reject) =>
    scrypt(passphrase.normalize('NFC'), salt, KEY_BYTES, options, (err, key) =>
      err ? reject(err) : resolve(key),
    ),
  );
}

/** Wraps the notes key with a key derived from the passphrase (scrypt), in the server's stored format. */
export async function wrapNotesKey(
  notesKey: NotesKey,
  passphrase: string,
  ownerId: string,
  params: ScryptParams = DEFAULT_SCRYPT,
): Promise<WrappedNotesKey> {
  const salt = randomBytes(16);
  const wrappingKey = await deriveKey(passphrase, salt, params);
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', wrappingKey, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(wrapAad(ownerId, notesKey.keyId));
  const body = Buffer.concat([cipher.update(notesKey.key), cipher.final()]);
  return {
    version: 1,
    keyId: notesKey.keyId,
    kdf: { name: 'scrypt', salt: salt.toString('base64url'), ...params },
    wrapped: Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url'),
  };
}

/** Unwraps the notes key with the passphrase; a wrong passphrase (or an altered key) is a clear error. */
export async function unwrapNotesKey(
  wrapped: WrappedNotesKey,
  passphrase: string,
  ownerId: string,
): Promise<NotesKey> {
  const { salt, N, r, p } = wrapped.kdf;
  const wrappingKey = await deriveKey(passphrase, Buffer.from(salt, 'base64url'), { N, r, p });
  const bytes = Buffer.from(wrapped.wrapped, 'base64url');
  try {
    const decipher = createDecipheriv('aes-256-gcm', wrappingKey, bytes.subarray(0, IV_BYTES), {
      authTagLength: TAG_BYTES,
    });
    decipher.setAAD(wrapAad(ownerId, wrapped.keyId));
    decipher.setAuthTag(bytes.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
    const key = Buffer.concat([decipher.update(bytes.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]);
    if (key.length !== KEY_BYTES) throw new Error('not a 32-byte key');
    return { keyId: wrapped.keyId, key };
  } catch {
    throw new KithError(
      'invalid_input',
      'Wrong passphrase: it does not unlock the notes key. Nothing was changed; try again.',
    );
  }
}
