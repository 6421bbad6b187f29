import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createNotesKey, DEFAULT_SCRYPT, unwrapNotesKey, wrapNotesKey } from '#core/notes/notes-key';
import { WrappedNotesKey } from '#shared/wire/notes';
import { fileKeyStore } from '../../../support/file-key-store.ts';
import { makeTempDir } from '../../../support/temp-dir.ts';

const FAST = { N: 2 ** 14, r: 8, p: 1 };
const PASSPHRASE = 'correct horse battery staple';

describe('notes-key', () => {
  it('wraps the key in the server format and unwraps it with the passphrase', async () => {
    const key = createNotesKey();
    expect(key.key).toHaveLength(32);
    const wrapped = await wrapNotesKey(key, PASSPHRASE, 'me', FAST);
    expect(WrappedNotesKey.parse(wrapped)).toEqual(wrapped);
    expect(wrapped).toMatchObject({ version: 1, keyId: key.keyId, kdf: { name: 'scrypt', ...FAST } });
    const unwrapped = await unwrapNotesKey(wrapped, PASSPHRASE, 'me');
    expect(unwrapped.keyId).toBe(key.keyId);
    expect(unwrapped.key.equals(key.key)).toBe(true);
  });

  it('uses scrypt N=2^16, r=8, p=1 by default', async () => {
    expect(DEFAULT_SCRYPT).toEqual({ N: 2 ** 16, r: 8, p: 1 });
    const key = createNotesKey();
    const wrapped = await wrapNotesKey(key, PASSPHRASE, 'me');
    expect(wrapped.kdf).toMatchObject(DEFAULT_SCRYPT);
    expect((await unwrapNotesKey(wrapped, PASSPHRASE, 'me')).key.equals(key.key)).toBe(true);
  });

  it('says the passphrase is wrong, and nothing else, for a wrong one', async () => {
    const wrapped = await wrapNotesKey(createNotesKey(), PASSPHRASE, 'me', FAST);
    await expect(unwrapNotesKey(wrapped, 'correct horse battery stapler', 'me')).rejects.toMatchObject({
      code: 'invalid_input',
      message: expect.stringMatching(/^Wrong passphrase/),
    });
  });

  it('refuses a wrapped key moved to another owner or another key id', async () => {
    const wrapped = await wrapNotesKey(createNotesKey(), PASSPHRASE, 'me', FAST);
    await expect(unwrapNotesKey(wrapped, PASSPHRASE, 'mallory')).rejects.toThrow(/Wrong passphrase/);
    await expect(
      unwrapNotesKey({ ...wrapped, keyId: 'AAAAAAAAAAAAAAAAAAAAAA' }, PASSPHRASE, 'me'),
    ).rejects.toThrow(/Wrong passphrase/);
  });
});

describe('key-store over a file', () => {
  let dir: Awaited<ReturnType<typeof makeTempDir>>;
  beforeEach(async () => (dir = await makeTempDir()));
  afterEach(() => dir.remove());

  it('saves, loads and forgets a key per account', async () => {
    const store = fileKeyStore(dir.path);
    const key = createNotesKey();
    expect(await store.load('me')).toBeNull();
    await store.save('me', key);
    const again = await fileKeyStore(dir.path).load('me');
    expect(again?.keyId).toBe(key.keyId);
    expect(again?.key.equals(key.key)).toBe(true);
    expect(await store.load('someone-else')).toBeNull();
    await store.forget('me');
    expect(await store.load('me')).toBeNull();
  });
});
