import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiError } from '#shared/wire/auth';
import { NotesKeyResponse } from '#shared/wire/notes';
import { BootstrapLine, PullPage } from '#shared/wire/sync';
import { findCurrentSeq, issueToken, upsertPeople } from '#server/server';
import { findNote } from '#server/repos/notes.repo';
import { makePerson, range, readNdjson, startTestServer, type ServerFixture } from './server-fixture.ts';
import { push, put } from '../../support/push-fixture.ts';
import { encryptNote, makeWrappedKey, newNoteId, noteDelete, notePut } from './notes-fixture.ts';

/**
 * Personal data is its owner's alone: for every endpoint a signed-in person can call, B's token never
 * yields A's notes, notes key, how A met someone, or A's private connections.
 */
const A = 'p000001';
const B = 'p000002';
const A_CLIENT = 'a-laptop-0001';
const HOW_A_MET = 'How A met them: a secret';
const noteKey = randomBytes(32);
const aNoteId = newNoteId();
const aCiphertext = encryptNote(noteKey, A, aNoteId, JSON.stringify({ body: 'A private note' }));
const aKey = makeWrappedKey('a-notes-key-0123456789');
const bKey = makeWrappedKey('b-notes-key-0123456789');

/** Everything of A's that B must never see, as it would appear in a response. */
const A_SECRETS = [aNoteId, aCiphertext, aKey.keyId, aKey.wrapped, aKey.kdf.salt, HOW_A_MET];
/** A's private connection: its colleague may appear as a person, never as one of A's connections. */
const A_PRIVATE_COLLEAGUE = 'p000004';

let server: ServerFixture;
let aToken: string;
let bToken: string;

beforeAll(async () => {
  server = await startTestServer();
  await upsertPeople(
    server.db,
    range(1, 6).map((n) => makePerson(n)),
  );
  aToken = await issueToken(server.db, A);
  bToken = await issueToken(server.db, B);
  await push(server, aToken, {
    clientId: A_CLIENT,
    mutations: [
      notePut(1, aNoteId, 0, aCiphertext),
      put(2, 'p000003', { kinds: ['mentor'], howMet: HOW_A_MET, visibility: 'shared' }),
      put(3, A_PRIVATE_COLLEAGUE, { howMet: HOW_A_MET, strength: 5 }),
    ],
  });
  expect((await server.put('/v1/me/notes-key', aKey, aToken)).status).toBe(200);
});
afterAll(() => server.stop());

/** Once B has a note of their own under the same id (see the push test), that id alone is no secret. */
function expectNoSecretOfA(text: string, { idIsBs = false } = {}) {
  for (const secret of A_SECRETS) if (!idIsBs || secret !== aNoteId) expect(text).not.toContain(secret);
}

async function asB(path: string) {
  const response = await server.get(path, bToken);
  expect(response.status).toBe(200);
  return response.text();
}

describe("another user's token", () => {
  it('GET /v1/me: only the signed-in person', async () => {
    const text = await asB('/v1/me');
    expect(JSON.parse(text)).toEqual({ person: makePerson(2) });
    expectNoSecretOfA(text);
  });

  it.each(['', '?section=connections', '?section=shared_connections', '?section=notes'])(
    'GET /v1/sync/bootstrap%s: none of A’s notes, how A met anyone, or A’s private connections',
    async (query) => {
      const text = await asB(`/v1/sync/bootstrap${query}`);
      expectNoSecretOfA(text);
      const lines = text
        .trimEnd()
        .split('\n')
        .map((l) => BootstrapLine.parse(JSON.parse(l)));
      for (const line of lines) {
        expect(line.type).not.toBe('note');
        if (line.type === 'connection') expect(line.value.personId).not.toBe(A_PRIVATE_COLLEAGUE);
        if (line.type === 'shared_connection') {
          expect(line.value.personId).not.toBe(A_PRIVATE_COLLEAGUE);
          // Only the four shared fields, in the raw JSON too (zod would strip extra keys).
          expect(Object.keys(JSON.parse(JSON.stringify(line.value)) as object).sort()).toEqual([
            'kinds',
            'ownerId',
            'personId',
            'strength',
          ]);
        }
      }
    },
  );

  it('GET /v1/sync/pull: none of A’s notes, how A met anyone, or A’s private connections', async () => {
    const text = await asB('/v1/sync/pull?since=0');
    expectNoSecretOfA(text);
    const { changes } = PullPage.parse(JSON.parse(text));
    expect(changes.filter((c) => c.entity === 'note' || c.entity === 'connection')).toEqual([]);
    expect(changes.filter((c) => c.entity === 'shared_connection')).toEqual([
      {
        entity: 'shared_connection',
        op: 'upsert',
        seq: expect.any(Number),
        value: { ownerId: A, personId: 'p000003', kinds: ['mentor'], strength: 3 },
      },
    ]);
  });

  it('GET /v1/me/notes-key: null, not A’s key', async () => {
    const text = await asB('/v1/me/notes-key');
    expect(NotesKeyResponse.parse(JSON.parse(text))).toEqual({ notesKey: null });
    expectNoSecretOfA(text);
  });

  it('PUT /v1/me/notes-key: sets up B’s own key, leaving A’s as it was', async () => {
    const response = await server.put('/v1/me/notes-key', bKey, bToken);
    expect(response.status).toBe(200);
    const text = await response.text();
    expect(NotesKeyResponse.parse(JSON.parse(text))).toEqual({ notesKey: bKey });
    expectNoSecretOfA(text);
    expectNoSecretOfA(await asB('/v1/me/notes-key'));
    const forA = await server.get('/v1/me/notes-key', aToken);
    expect(NotesKeyResponse.parse(await forA.json())).toEqual({ notesKey: aKey });
  });

  it("POST /v1/sync/push: writes B's own note under A's note id, never A's", async () => {
    const bCiphertext = encryptNote(noteKey, B, aNoteId, JSON.stringify({ body: 'B note' }));
    const response = await server.post(
      '/v1/sync/push',
      {
        clientId: 'b-phone-0001',
        mutations: [
          notePut(1, aNoteId, 1, bCiphertext),
          noteDelete(2, aNoteId, 1),
          notePut(3, aNoteId, 2, bCiphertext),
        ],
      },
      bToken,
    );
    expect(response.status).toBe(200);
    const text = await response.text();
    expectNoSecretOfA(text);
    // B has no note by that id: the first write creates B's own, the delete removes it, the third revives it.
    expect(JSON.parse(text)).toEqual({
      results: [
        { mutationId: 1, status: 'applied' },
        { mutationId: 2, status: 'applied' },
        { mutationId: 3, status: 'applied' },
      ],
    });
    expect(await findNote(server.db, { ownerId: A, id: aNoteId })).toEqual({
      id: aNoteId,
      rev: 1,
      ciphertext: aCiphertext,
    });
    expect(await findNote(server.db, { ownerId: B, id: aNoteId })).toEqual({
      id: aNoteId,
      rev: 3,
      ciphertext: bCiphertext,
    });

    // B sees B's note, A still sees A's.
    const bNotes = (await readNdjson(await server.get('/v1/sync/bootstrap?section=notes', bToken))).map((l) =>
      BootstrapLine.parse(l),
    );
    expect(bNotes.filter((l) => l.type === 'note')).toEqual([
      { type: 'note', value: { id: aNoteId, rev: 3, ciphertext: bCiphertext } },
    ]);
    const aNotes = (await readNdjson(await server.get('/v1/sync/bootstrap?section=notes', aToken))).map((l) =>
      BootstrapLine.parse(l),
    );
    expect(aNotes.filter((l) => l.type === 'note')).toEqual([
      { type: 'note', value: { id: aNoteId, rev: 1, ciphertext: aCiphertext } },
    ]);
  });

  it("POST /v1/sync/push with A's client id: 403, changing nothing of A's", async () => {
    const seq = await findCurrentSeq(server.db);
    const response = await server.post(
      '/v1/sync/push',
      { clientId: A_CLIENT, mutations: [notePut(4, aNoteId, 1, 'A'.repeat(64)), noteDelete(5, aNoteId, 1)] },
      bToken,
    );
    expect(response.status).toBe(403);
    const text = await response.text();
    expect(ApiError.parse(JSON.parse(text)).error.code).toBe('forbidden');
    expectNoSecretOfA(text);
    expect(await findCurrentSeq(server.db)).toBe(seq);
    expect(await findNote(server.db, { ownerId: A, id: aNoteId })).toEqual({
      id: aNoteId,
      rev: 1,
      ciphertext: aCiphertext,
    });
  });

  it('every personal endpoint still yields nothing of A’s after those writes', async () => {
    for (const path of ['/v1/me', '/v1/sync/bootstrap', '/v1/sync/pull?since=0', '/v1/me/notes-key']) {
      expectNoSecretOfA(await asB(path), { idIsBs: true });
    }
  });
});

describe('the server database file', () => {
  it('holds a pushed note as ciphertext only: its plaintext is in neither the file nor its WAL', async () => {
    const own = await startTestServer();
    try {
      await upsertPeople(own.db, [makePerson(1)]);
      const token = await issueToken(own.db, A);
      const marker = `PLAINTEXT-MARKER-${randomBytes(8).toString('hex')}`;
      const id = newNoteId();
      const ciphertext = encryptNote(
        noteKey,
        A,
        id,
        JSON.stringify({ body: `Met ${marker} at the offsite` }),
      );
      await push(own, token, { clientId: A_CLIENT, mutations: [notePut(1, id, 0, ciphertext)] });
      expect((await own.put('/v1/me/notes-key', aKey, token)).status).toBe(200);

      const file = join(own.dir, 'kith-server.db');
      const readAll = async () =>
        Buffer.concat(
          await Promise.all([file, `${file}-wal`].map((f) => readFile(f).catch(() => Buffer.alloc(0)))),
        );
      const live = await readAll();
      // The bytes read are the database's: the ciphertext is there, the text it hides is not.
      expect(live.includes(ciphertext)).toBe(true);
      expect(live.includes(marker)).toBe(false);

      await own.close(); // checkpoints the WAL into the file
      const closed = await readAll();
      expect(closed.includes(ciphertext)).toBe(true);
      expect(closed.includes(marker)).toBe(false);
    } finally {
      await own.stop();
    }
  });
});
