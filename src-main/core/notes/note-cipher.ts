import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { NotePayload } from '#shared/domain/note';
import { KithError } from '#shared/errors';

/** The format of src-shared/wire/notes.ts: version byte | 12-byte IV | 16-byte GCM tag | ciphertext. */
const VERSION = 0x01;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const HEADER_BYTES = 1 + IV_BYTES + TAG_BYTES;

/** Binds a ciphertext to its owner and note: moved onto another one, it fails authentication. */
export const noteAad = (ownerId: string, noteId: string) =>
  Buffer.from(`kith-note:v1:${ownerId}:${noteId}`, 'utf8');

export interface NoteCipherContext {
  ownerId: string;
  key: Buffer;
}

/** Encrypts a note's payload under the notes key (AES-256-GCM, a fresh random IV each time). */
export function encryptNote(
  { ownerId, key }: NoteCipherContext,
  noteId: string,
  payload: NotePayload,
): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(noteAad(ownerId, noteId));
  const body = Buffer.concat([cipher.update(JSON.stringify(payload), 'utf8'), cipher.final()]);
  return Buffer.concat([Buffer.of(VERSION), iv, cipher.getAuthTag(), body]).toString('base64url');
}

/**
 * Decrypts and checks a note's ciphertext. Anything wrong (another format version, a cut or altered byte,
 * another note's or owner's ciphertext, the wrong key) throws a KithError naming the note.
 */
export function decryptNote(
  { ownerId, key }: NoteCipherContext,
  noteId: string,
  ciphertext: string,
): NotePayload {
  const bytes = Buffer.from(ciphertext, 'base64url');
  if (bytes.length < HEADER_BYTES || bytes[0] !== VERSION) {
    throw new KithError(
      'invalid_input',
      `Note ${noteId} cannot be read: its ciphertext is not in a format this version knows`,
    );
  }
  const iv = bytes.subarray(1, 1 + IV_BYTES);
  const tag = bytes.subarray(1 + IV_BYTES, HEADER_BYTES);
  let plain: string;
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
    decipher.setAAD(noteAad(ownerId, noteId));
    decipher.setAuthTag(tag);
    plain = Buffer.concat([decipher.update(bytes.subarray(HEADER_BYTES)), decipher.final()]).toString('utf8');
  } catch {
    throw new KithError(
      'invalid_input',
      `Note ${noteId} cannot be read: its ciphertext failed authentication ` +
        '(it was altered on the way or on the server, or encrypted with another key)',
    );
  }
  let value: unknown;
  try {
    value = JSON.parse(plain);
  } catch {
    value = undefined;
  }
  const parsed = NotePayload.safeParse(value);
  if (!parsed.success) {
    throw new KithError(
      'invalid_input',
      `Note ${noteId} decrypted, but its content is not a note this version reads`,
    );
  }
  return parsed.data;
}
