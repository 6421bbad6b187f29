import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { decryptNote, encryptNote } from '#core/notes/note-cipher';
import type { NotePayload } from '#shared/domain/note';
import { NoteCiphertext } from '#shared/wire/notes';

const NOTE_ID = '0b0e6a2e-8a5b-4f0e-9d38-6a1c5e3f2a10';
const OTHER_ID = '7c9d7c1e-2f4b-4a44-8a1d-1f2e3d4c5b6a';
const payload: NotePayload = {
  personId: 'ada',
  body: '# Coffee\nTalked about *Kubernetes* — and Lyon ☕',
  tags: ['mentoring'],
  pinned: true,
  followUpAt: '2030-01-02',
  interaction: { type: 'coffee', on: '2029-12-30' },
  createdAt: 1,
  updatedAt: 2,
  conflictOf: null,
};
const context = { ownerId: 'me', key: randomBytes(32) };

/** Flips one bit of the byte at `index` of a base64url ciphertext. */
function flipByte(ciphertext: string, index: number) {
  const bytes = Buffer.from(ciphertext, 'base64url');
  bytes[index] = bytes[index]! ^ 0x01;
  return bytes.toString('base64url');
}

describe('note-cipher', () => {
  it('round-trips a note in the wire format, with a fresh IV each time', () => {
    const a = encryptNote(context, NOTE_ID, payload);
    const b = encryptNote(context, NOTE_ID, payload);
    expect(NoteCiphertext.safeParse(a).success).toBe(true);
    expect(a).not.toBe(b);
    expect(Buffer.from(a, 'base64url')[0]).toBe(0x01);
    expect(a).not.toContain('Kubernetes');
    expect(decryptNote(context, NOTE_ID, a)).toEqual(payload);
    expect(decryptNote(context, NOTE_ID, b)).toEqual(payload);
  });

  it.each([
    ['the IV', 5],
    ['the tag', 20],
    ['the ciphertext', 40],
  ])('refuses a ciphertext with a byte of %s changed, naming the note', (_part, index) => {
    const tampered = flipByte(encryptNote(context, NOTE_ID, payload), index);
    expect(() => decryptNote(context, NOTE_ID, tampered)).toThrow(
      expect.objectContaining({
        code: 'invalid_input',
        message: expect.stringMatching(new RegExp(`Note ${NOTE_ID} .*failed authentication`)),
      }),
    );
  });

  it('refuses a ciphertext moved onto another note or another owner (the AAD)', () => {
    const ciphertext = encryptNote(context, NOTE_ID, payload);
    expect(() => decryptNote(context, OTHER_ID, ciphertext)).toThrow(/failed authentication/);
    expect(() => decryptNote({ ...context, ownerId: 'mallory' }, NOTE_ID, ciphertext)).toThrow(
      /failed authentication/,
    );
  });

  it('refuses the wrong key, a cut ciphertext and an unknown version', () => {
    const ciphertext = encryptNote(context, NOTE_ID, payload);
    expect(() => decryptNote({ ...context, key: randomBytes(32) }, NOTE_ID, ciphertext)).toThrow(
      /failed authentication/,
    );
    expect(() => decryptNote(context, NOTE_ID, ciphertext.slice(0, 30))).toThrow(/not in a format/);
    const v2 = Buffer.from(ciphertext, 'base64url');
    v2[0] = 0x02;
    expect(() => decryptNote(context, NOTE_ID, v2.toString('base64url'))).toThrow(/not in a format/);
  });
});
