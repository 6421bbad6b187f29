import { z } from 'zod';

/**
 * A note as the server holds it: opaque ciphertext. The plaintext is the JSON of a NotePayload
 * (src-shared/domain/note.ts), encrypted with AES-256-GCM under the owner's notes key:
 * base64url( version byte 0x01 | 12-byte IV | 16-byte GCM tag | ciphertext ), with the additional
 * authenticated data `kith-note:v1:<ownerId>:<noteId>`, so the server cannot move a ciphertext
 * onto another note or another owner without the decryption failing.
 */
export const NOTE_CIPHERTEXT_MAX = 8_500_000;

const Base64Url = z.string().regex(/^[A-Za-z0-9_-]+$/, 'Expected base64url text');

export const NoteCiphertext = Base64Url.min(40, 'Too short to be a note ciphertext').max(
  NOTE_CIPHERTEXT_MAX,
  'A note ciphertext can be at most 8.5 MB',
);

export const NoteId = z.uuid();

/**
 * The server's revision of a note: 1 on its first write, one more with every write. 0 = a note the
 * server has not seen. A write names the revision it was based on, so the server can tell a
 * concurrent edit from another device (a conflict) from a sequential one.
 */
export const NoteRevision = z.number().int().min(0);

/** One of the owner's notes in a snapshot or a pull. */
export const SyncedNote = z.object({
  id: NoteId,
  rev: NoteRevision.min(1),
  ciphertext: NoteCiphertext,
});
export type SyncedNote = z.infer<typeof SyncedNote>;

/**
 * The owner's notes key, wrapped by a key derived from their passphrase (scrypt), as stored on the
 * server: it lets a new device decrypt the notes once the person types the passphrase. `keyId` names
 * the notes key itself (not its wrapping): a passphrase change re-wraps the same key under the same id.
 * `wrapped` = base64url( 12-byte IV | 16-byte GCM tag | encrypted 32-byte key ), AAD `kith-notes-key:v1:<ownerId>:<keyId>`.
 */
export const WrappedNotesKey = z.strictObject({
  version: z.literal(1),
  keyId: Base64Url.min(16).max(64),
  kdf: z
    .strictObject({
      name: z.literal('scrypt'),
      salt: Base64Url.min(16).max(128),
      /** CPU/memory cost: a power of two from 2^14 to 2^18. */
      N: z
        .number()
        .int()
        .min(2 ** 14)
        .max(2 ** 18)
        .refine((n) => (n & (n - 1)) === 0, 'N must be a power of two'),
      r: z.number().int().min(1).max(16),
      p: z.number().int().min(1).max(4),
    })
    .refine(
      // A device derives the key with what the server sends: cap the memory (128·N·r bytes) at 256 MiB,
      // so a hostile server cannot make an unlock exhaust the machine.
      ({ N, r }) => 128 * N * r <= 256 * 1024 * 1024,
      'scrypt parameters ask for more than 256 MiB of memory',
    ),
  wrapped: Base64Url.min(60).max(200),
});
export type WrappedNotesKey = z.infer<typeof WrappedNotesKey>;

/** GET /v1/me/notes-key: the wrapped key, or null before the owner set up a passphrase on any device. */
export const NotesKeyResponse = z.object({ notesKey: WrappedNotesKey.nullable() });
export type NotesKeyResponse = z.infer<typeof NotesKeyResponse>;
