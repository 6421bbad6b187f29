import { createCipheriv, randomBytes, randomUUID } from 'node:crypto';
import type { Mutation } from '#shared/wire/push';
import type { WrappedNotesKey } from '#shared/wire/notes';

/**
 * A note ciphertext as a client makes it: base64url( 0x01 | 12-byte IV | 16-byte GCM tag | AES-256-GCM
 * ciphertext ), AAD `kith-note:v1:<ownerId>:<noteId>`.
 */
export function encryptNote(key: Buffer, ownerId: string, noteId: string, plaintext: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(`kith-note:v1:${ownerId}:${noteId}`));
  const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return Buffer.concat([Buffer.of(1), iv, cipher.getAuthTag(), body]).toString('base64url');
}

/** A ciphertext-shaped string for tests that never decrypt: base64url, recognisable by its tag. */
export function fakeCiphertext(tag: string, length = 64): string {
  return `${tag}_`.padEnd(length, 'A');
}

export const newNoteId = () => randomUUID();

export function notePut(mutationId: number, noteId: string, baseRev: number, ciphertext: string): Mutation {
  return { type: 'note.put', mutationId, noteId, baseRev, ciphertext };
}

export function noteDelete(mutationId: number, noteId: string, baseRev: number): Mutation {
  return { type: 'note.delete', mutationId, noteId, baseRev };
}

/** A well-formed wrapped notes key; the server cannot tell it from a real one, and need not. */
export function makeWrappedKey(keyId: string, overrides: Partial<WrappedNotesKey> = {}): WrappedNotesKey {
  return {
    version: 1,
    keyId,
    kdf: { name: 'scrypt', salt: randomBytes(16).toString('base64url'), N: 2 ** 15, r: 8, p: 1 },
    wrapped: randomBytes(60).toString('base64url'),
    ...overrides,
  };
}
