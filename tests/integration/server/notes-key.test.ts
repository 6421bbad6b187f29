import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiError } from '#shared/wire/auth';
import { NotesKeyResponse } from '#shared/wire/notes';
import { issueToken, upsertPeople } from '#server/server';
import { makePerson, range, startTestServer, type ServerFixture } from './server-fixture.ts';
import { makeWrappedKey } from './notes-fixture.ts';

let server: ServerFixture;
const tokens: string[] = [];

beforeAll(async () => {
  server = await startTestServer();
  await upsertPeople(
    server.db,
    range(1, 8).map((n) => makePerson(n)),
  );
  for (const n of range(1, 8)) tokens.push(await issueToken(server.db, makePerson(n).id));
});
afterAll(() => server.stop());

/** Each test signs in as its own person, so their keys start unset. */
let next = 0;
const someone = () => tokens[next++]!;

async function getKey(token: string) {
  const response = await server.get('/v1/me/notes-key', token);
  expect(response.status).toBe(200);
  return NotesKeyResponse.parse(await response.json()).notesKey;
}

const storedKeys = () => server.db.selectFrom('notes_keys').selectAll().orderBy('owner_id').execute();

describe('GET /v1/me/notes-key', () => {
  it('answers null before notes encryption is set up', async () => {
    expect(await getKey(someone())).toBeNull();
  });

  it('answers 401 without a token', async () => {
    expect((await server.get('/v1/me/notes-key')).status).toBe(401);
  });
});

describe('PUT /v1/me/notes-key', () => {
  it('stores the first key and gives it back, to every device of the owner', async () => {
    const token = someone();
    const key = makeWrappedKey('key-one-0123456789');
    const response = await server.put('/v1/me/notes-key', key, token);
    expect(response.status).toBe(200);
    expect(NotesKeyResponse.parse(await response.json())).toEqual({ notesKey: key });
    expect(await getKey(token)).toEqual(key);
  });

  it('replaces the wrapping of the same key (a passphrase change)', async () => {
    const token = someone();
    await server.put('/v1/me/notes-key', makeWrappedKey('key-same-0123456789'), token);
    const rewrapped = makeWrappedKey('key-same-0123456789', {
      kdf: { name: 'scrypt', salt: 'c'.repeat(22), N: 2 ** 17, r: 8, p: 2 },
    });
    const response = await server.put('/v1/me/notes-key', rewrapped, token);
    expect(response.status).toBe(200);
    expect(await getKey(token)).toEqual(rewrapped);
  });

  it('answers 409 conflict to a different key once one is set up, keeping the first', async () => {
    const token = someone();
    const first = makeWrappedKey('key-first-0123456789');
    await server.put('/v1/me/notes-key', first, token);
    const response = await server.put('/v1/me/notes-key', makeWrappedKey('key-second-012345678'), token);
    expect(response.status).toBe(409);
    expect(ApiError.parse(await response.json())).toEqual({
      error: {
        code: 'conflict',
        message: 'Notes encryption was already set up on another device: unlock with that passphrase',
      },
    });
    expect(await getKey(token)).toEqual(first);
  });

  it('keeps each owner to their own key', async () => {
    const [a, b] = [someone(), someone()];
    const aKey = makeWrappedKey('key-of-a-0123456789');
    await server.put('/v1/me/notes-key', aKey, a);
    expect(await getKey(b)).toBeNull();
    // The same key id under another owner is that owner's own, unrelated key.
    const bKey = makeWrappedKey('key-of-a-0123456789');
    expect((await server.put('/v1/me/notes-key', bKey, b)).status).toBe(200);
    expect(await getKey(a)).toEqual(aKey);
    expect(await getKey(b)).toEqual(bKey);
  });

  describe('with a bad body', () => {
    const token = () => tokens[7]!;
    const valid = makeWrappedKey('key-valid-0123456789');
    async function expectInvalid(body: unknown, field: string) {
      const before = await storedKeys();
      const response = await server.put('/v1/me/notes-key', body, token());
      expect(response.status).toBe(400);
      const error = ApiError.parse(await response.json()).error;
      expect(error.code).toBe('invalid_input');
      expect(error.message).toContain(field);
      expect(await storedKeys()).toEqual(before);
    }

    it('names a wrong version', () => expectInvalid({ ...valid, version: 2 }, "'version'"));
    it('names a key id that is too short or not base64url', async () => {
      await expectInvalid({ ...valid, keyId: 'short' }, "'keyId'");
      await expectInvalid({ ...valid, keyId: 'not base64url at all!' }, "'keyId'");
    });
    it('names an unknown kdf and an N that is not a power of two', async () => {
      await expectInvalid({ ...valid, kdf: { ...valid.kdf, name: 'pbkdf2' } }, "'kdf.name'");
      await expectInvalid({ ...valid, kdf: { ...valid.kdf, N: 2 ** 15 + 1 } }, "'kdf.N'");
      await expectInvalid({ ...valid, kdf: { ...valid.kdf, N: 2 ** 21 } }, "'kdf.N'");
    });
    it('refuses scrypt parameters that would make an unlock take more than 256 MiB', async () => {
      await expectInvalid({ ...valid, kdf: { ...valid.kdf, N: 2 ** 18, r: 16 } }, '256 MiB');
      await expectInvalid({ ...valid, kdf: { ...valid.kdf, p: 5 } }, "'kdf.p'");
    });
    it('names a missing or malformed wrapped key', async () => {
      const { wrapped: _, ...missing } = valid;
      await expectInvalid(missing, "'wrapped'");
      await expectInvalid({ ...valid, wrapped: '=='.repeat(40) }, "'wrapped'");
    });
    it('names an unknown field, such as the unwrapped key', () =>
      expectInvalid({ ...valid, key: 'A'.repeat(43) }, 'key'));
    it('refuses malformed JSON', () => expectInvalid('{"version": 1', 'JSON'));
  });

  it('answers 401 without a token, storing nothing', async () => {
    const before = await storedKeys();
    expect((await server.put('/v1/me/notes-key', makeWrappedKey('key-anon-0123456789'))).status).toBe(401);
    expect(await storedKeys()).toEqual(before);
  });
});
