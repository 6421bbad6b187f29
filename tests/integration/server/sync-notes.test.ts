import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ApiError } from '#shared/wire/auth';
import { NOTE_CIPHERTEXT_MAX } from '#shared/wire/notes';
import { PUSH_BODY_MAX_BYTES } from '#shared/wire/push';
import { BootstrapLine, PullPage } from '#shared/wire/sync';
import { findCurrentSeq, issueToken, upsertPeople } from '#server/server';
import { findClient } from '#server/repos/client-mutations.repo';
import { findNote } from '#server/repos/notes.repo';
import {
  makePerson,
  range,
  readNdjson,
  refusalOf,
  startTestServer,
  type ServerFixture,
} from './server-fixture.ts';
import { push, put } from '../../support/push-fixture.ts';
import { fakeCiphertext, newNoteId, noteDelete, notePut } from './notes-fixture.ts';

const U = 'p000001';
const EDITED_ELSEWHERE = 'Edited on another device since this edit began';
const DELETED_ELSEWHERE = 'Deleted on another device since this edit began';
let server: ServerFixture;
let token: string;
let serial = 0;
/** Two devices of U, fresh for every test. */
let laptop: string;
let phone: string;

beforeAll(async () => {
  server = await startTestServer();
  await upsertPeople(
    server.db,
    range(1, 4).map((n) => makePerson(n)),
  );
  token = await issueToken(server.db, U);
});
afterAll(() => server.stop());
beforeEach(() => {
  serial += 1;
  laptop = `laptop-${String(serial).padStart(4, '0')}`;
  phone = `phone-${String(serial).padStart(4, '0')}`;
});

const mine = (id: string) => findNote(server.db, { ownerId: U, id });

/** The stored row, tombstones included. */
const row = (id: string) =>
  server.db
    .selectFrom('notes')
    .select(['rev', 'deleted', 'ciphertext', 'writer_client_id', 'seq'])
    .where('owner_id', '=', U)
    .where('id', '=', id)
    .executeTakeFirst();

async function pull(since: number, limit = 1000) {
  const response = await server.get(`/v1/sync/pull?since=${since}&limit=${limit}`, token);
  expect(response.status).toBe(200);
  return PullPage.parse(await response.json());
}

async function bootstrapNotes(query = '') {
  const response = await server.get(`/v1/sync/bootstrap${query}`, token);
  expect(response.status).toBe(200);
  const lines = (await readNdjson(response)).map((l) => BootstrapLine.parse(l));
  return { lines, notes: lines.flatMap((l) => (l.type === 'note' ? [l.value] : [])) };
}

/** A note U's `setup` device created at rev 1; returns its id. */
async function createNote(text = 'first') {
  const id = newNoteId();
  expect(
    await push(server, token, {
      clientId: `setup-${serial}-a`,
      mutations: [notePut(1, id, 0, fakeCiphertext(text))],
    }),
  ).toEqual([{ mutationId: 1, status: 'applied' }]);
  return id;
}

describe('POST /v1/sync/push with notes', () => {
  it('stores a new note at rev 1 with one new seq; pull and bootstrap return its ciphertext unchanged', async () => {
    const id = newNoteId();
    const ciphertext = fakeCiphertext('new');
    const seq = await findCurrentSeq(server.db);
    expect(
      await push(server, token, { clientId: laptop, mutations: [notePut(1, id, 0, ciphertext)] }),
    ).toEqual([{ mutationId: 1, status: 'applied' }]);
    expect(await findCurrentSeq(server.db)).toBe(seq + 1);
    expect(await mine(id)).toEqual({ id, rev: 1, ciphertext });
    expect(await row(id)).toMatchObject({ writer_client_id: laptop, deleted: 0, seq: seq + 1 });

    expect((await pull(seq)).changes).toEqual([
      { entity: 'note', op: 'upsert', seq: seq + 1, value: { id, rev: 1, ciphertext } },
    ]);
    const { notes } = await bootstrapNotes();
    expect(notes).toContainEqual({ id, rev: 1, ciphertext });
  });

  it('applies a retried push once: the same mutation ids come back duplicate and the rev stays', async () => {
    const id = newNoteId();
    const request = {
      clientId: laptop,
      mutations: [notePut(1, id, 0, fakeCiphertext('one')), notePut(2, id, 0, fakeCiphertext('two'))],
    };
    expect(await push(server, token, request)).toEqual([
      { mutationId: 1, status: 'applied' },
      { mutationId: 2, status: 'applied' },
    ]);
    const seq = await findCurrentSeq(server.db);
    expect(await mine(id)).toEqual({ id, rev: 2, ciphertext: fakeCiphertext('two') });

    expect(await push(server, token, request)).toEqual([
      { mutationId: 1, status: 'duplicate' },
      { mutationId: 2, status: 'duplicate' },
    ]);
    expect(await findCurrentSeq(server.db)).toBe(seq);
    expect(await mine(id)).toEqual({ id, rev: 2, ciphertext: fakeCiphertext('two') });
    expect(await findClient(server.db, laptop)).toEqual({ ownerId: U, lastMutationId: 2 });
  });

  it("applies the first of two devices' edits from the same revision and reports the second a conflict", async () => {
    const id = await createNote();
    expect(
      await push(server, token, {
        clientId: laptop,
        mutations: [notePut(1, id, 1, fakeCiphertext('laptop'))],
      }),
    ).toEqual([{ mutationId: 1, status: 'applied' }]);
    const seq = await findCurrentSeq(server.db);
    expect(
      await push(server, token, { clientId: phone, mutations: [notePut(1, id, 1, fakeCiphertext('phone'))] }),
    ).toEqual([{ mutationId: 1, status: 'conflict', reason: EDITED_ELSEWHERE }]);
    expect(await mine(id)).toEqual({ id, rev: 2, ciphertext: fakeCiphertext('laptop') });
    expect(await findCurrentSeq(server.db)).toBe(seq);
    // Processed for good: a retry (its answer was lost) is told the same conflict, not `duplicate`, and
    // changes nothing.
    expect(await findClient(server.db, phone)).toEqual({ ownerId: U, lastMutationId: 1 });
    expect(
      await push(server, token, { clientId: phone, mutations: [notePut(1, id, 1, fakeCiphertext('phone'))] }),
    ).toEqual([{ mutationId: 1, status: 'conflict', reason: EDITED_ELSEWHERE }]);
    expect(await mine(id)).toEqual({ id, rev: 2, ciphertext: fakeCiphertext('laptop') });
    expect(await findCurrentSeq(server.db)).toBe(seq);

    // Once the phone has pulled rev 2, its next edit applies.
    expect(
      await push(server, token, {
        clientId: phone,
        mutations: [notePut(2, id, 2, fakeCiphertext('phone2'))],
      }),
    ).toEqual([{ mutationId: 2, status: 'applied' }]);
    expect(await mine(id)).toEqual({ id, rev: 3, ciphertext: fakeCiphertext('phone2') });
  });

  it('answers a retried batch with each earlier result: duplicate for applied, the stored conflict for the rest', async () => {
    const id = await createNote();
    const other = newNoteId();
    await push(server, token, { clientId: laptop, mutations: [notePut(1, id, 1, fakeCiphertext('laptop'))] });
    const request = {
      clientId: phone,
      mutations: [
        notePut(1, other, 0, fakeCiphertext('new')),
        notePut(2, id, 1, fakeCiphertext('phone')),
        noteDelete(3, id, 1),
      ],
    };
    const first = await push(server, token, request);
    expect(first).toEqual([
      { mutationId: 1, status: 'applied' },
      { mutationId: 2, status: 'conflict', reason: EDITED_ELSEWHERE },
      { mutationId: 3, status: 'conflict', reason: EDITED_ELSEWHERE },
    ]);
    const seq = await findCurrentSeq(server.db);
    expect(await push(server, token, request)).toEqual([
      { mutationId: 1, status: 'duplicate' },
      ...first.slice(1),
    ]);
    // A retry that carries a new write too: the new one is decided now, the old ones keep their answers.
    expect(
      await push(server, token, {
        clientId: phone,
        mutations: [...request.mutations.slice(1), notePut(4, other, 1, fakeCiphertext('again'))],
      }),
    ).toEqual([...first.slice(1), { mutationId: 4, status: 'applied' }]);
    expect(await findCurrentSeq(server.db)).toBe(seq + 1);

    // Once the phone pushes past them it has settled them: their stored results go with its next conflict.
    await push(server, token, { clientId: phone, mutations: [notePut(5, id, 1, fakeCiphertext('late'))] });
    const stored = await server.db
      .selectFrom('unapplied_mutations')
      .select(['mutation_id', 'status'])
      .where('client_id', '=', phone)
      .execute();
    expect(stored).toEqual([{ mutation_id: 5, status: 'conflict' }]);
  });

  it("applies a client's edit on top of its own earlier write, though its baseRev is stale", async () => {
    const id = await createNote();
    await push(server, token, { clientId: laptop, mutations: [notePut(1, id, 1, fakeCiphertext('edit1'))] });
    // Queued offline before the laptop heard of rev 2: still based on rev 1.
    expect(
      await push(server, token, {
        clientId: laptop,
        mutations: [notePut(2, id, 1, fakeCiphertext('edit2'))],
      }),
    ).toEqual([{ mutationId: 2, status: 'applied' }]);
    expect(await mine(id)).toEqual({ id, rev: 3, ciphertext: fakeCiphertext('edit2') });
    expect(await row(id)).toMatchObject({ writer_client_id: laptop });
  });

  it('reports deleting a note another device edited a conflict and keeps the edit; a current delete leaves a tombstone', async () => {
    const id = await createNote();
    await push(server, token, { clientId: laptop, mutations: [notePut(1, id, 1, fakeCiphertext('kept'))] });
    const seq = await findCurrentSeq(server.db);
    expect(await push(server, token, { clientId: phone, mutations: [noteDelete(1, id, 1)] })).toEqual([
      { mutationId: 1, status: 'conflict', reason: EDITED_ELSEWHERE },
    ]);
    expect(await mine(id)).toEqual({ id, rev: 2, ciphertext: fakeCiphertext('kept') });
    expect(await findCurrentSeq(server.db)).toBe(seq);

    expect(await push(server, token, { clientId: phone, mutations: [noteDelete(2, id, 2)] })).toEqual([
      { mutationId: 2, status: 'applied' },
    ]);
    expect(await mine(id)).toBeUndefined();
    // The tombstone drops the ciphertext.
    expect(await row(id)).toEqual({
      rev: 3,
      deleted: 1,
      ciphertext: null,
      writer_client_id: phone,
      seq: seq + 1,
    });
    expect((await pull(seq)).changes).toEqual([{ entity: 'note', op: 'delete', seq: seq + 1, id }]);
    expect((await bootstrapNotes()).notes.map((n) => n.id)).not.toContain(id);
  });

  it('reports deleting a missing or already deleted note applied, changing nothing', async () => {
    const id = await createNote();
    await push(server, token, { clientId: laptop, mutations: [noteDelete(1, id, 1)] });
    const seq = await findCurrentSeq(server.db);
    const missing = newNoteId();
    expect(
      await push(server, token, {
        clientId: phone,
        mutations: [noteDelete(1, missing, 0), noteDelete(2, id, 1)],
      }),
    ).toEqual([
      { mutationId: 1, status: 'applied' },
      { mutationId: 2, status: 'applied' },
    ]);
    expect(await findCurrentSeq(server.db)).toBe(seq);
    expect(await row(missing)).toBeUndefined();
    expect(await row(id)).toMatchObject({ rev: 2, deleted: 1, writer_client_id: laptop });
  });

  it('revives a tombstone only from its own revision; an edit begun before the delete is a conflict', async () => {
    const id = await createNote();
    await push(server, token, { clientId: laptop, mutations: [noteDelete(1, id, 1)] });
    const seq = await findCurrentSeq(server.db);
    expect(
      await push(server, token, { clientId: phone, mutations: [notePut(1, id, 1, fakeCiphertext('late'))] }),
    ).toEqual([{ mutationId: 1, status: 'conflict', reason: DELETED_ELSEWHERE }]);
    // Even the deleting device itself: a put onto a tombstone names the tombstone's revision.
    expect(
      await push(server, token, {
        clientId: laptop,
        mutations: [notePut(2, id, 0, fakeCiphertext('again'))],
      }),
    ).toEqual([{ mutationId: 2, status: 'conflict', reason: DELETED_ELSEWHERE }]);
    expect(await row(id)).toMatchObject({ rev: 2, deleted: 1 });
    expect(await findCurrentSeq(server.db)).toBe(seq);

    expect(
      await push(server, token, {
        clientId: phone,
        mutations: [notePut(2, id, 2, fakeCiphertext('undone'))],
      }),
    ).toEqual([{ mutationId: 2, status: 'applied' }]);
    expect(await mine(id)).toEqual({ id, rev: 3, ciphertext: fakeCiphertext('undone') });
    expect((await pull(seq)).changes).toEqual([
      {
        entity: 'note',
        op: 'upsert',
        seq: seq + 1,
        value: { id, rev: 3, ciphertext: fakeCiphertext('undone') },
      },
    ]);
  });

  it('applies several mutations of one note in one batch in order, each seeing the last, with one seq', async () => {
    const id = newNoteId();
    const seq = await findCurrentSeq(server.db);
    expect(
      await push(server, token, {
        clientId: laptop,
        mutations: [
          notePut(1, id, 0, fakeCiphertext('v1')),
          notePut(2, id, 1, fakeCiphertext('v2')),
          noteDelete(3, id, 2),
          notePut(4, id, 3, fakeCiphertext('v4')),
          notePut(5, id, 0, fakeCiphertext('v5')),
        ],
      }),
    ).toEqual([1, 2, 3, 4, 5].map((mutationId) => ({ mutationId, status: 'applied' })));
    expect(await mine(id)).toEqual({ id, rev: 5, ciphertext: fakeCiphertext('v5') });
    expect(await findCurrentSeq(server.db)).toBe(seq + 1);

    // Another device's batch against that note: each mutation sees the one before it.
    expect(
      await push(server, token, {
        clientId: phone,
        mutations: [
          notePut(1, id, 4, fakeCiphertext('stale')),
          notePut(2, id, 5, fakeCiphertext('p1')),
          notePut(3, id, 5, fakeCiphertext('p2')),
          noteDelete(4, id, 5),
        ],
      }),
    ).toEqual([
      { mutationId: 1, status: 'conflict', reason: EDITED_ELSEWHERE },
      { mutationId: 2, status: 'applied' },
      // Its own write made rev 6, so both still apply.
      { mutationId: 3, status: 'applied' },
      { mutationId: 4, status: 'applied' },
    ]);
    expect(await row(id)).toMatchObject({ rev: 8, deleted: 1, ciphertext: null, writer_client_id: phone });
  });

  it('applies connections and notes of one batch together, reporting results in mutation order', async () => {
    const id = await createNote();
    expect(
      await push(server, token, {
        clientId: laptop,
        mutations: [
          notePut(1, id, 0, fakeCiphertext('conflicting')),
          put(2, 'p000003', { strength: 4 }),
          notePut(3, newNoteId(), 0, fakeCiphertext('fresh')),
          put(4, 'p404404', { strength: 4 }),
        ],
      }),
    ).toEqual([
      { mutationId: 1, status: 'conflict', reason: EDITED_ELSEWHERE },
      { mutationId: 2, status: 'applied' },
      { mutationId: 3, status: 'applied' },
      { mutationId: 4, status: 'rejected', reason: 'No colleague with id p404404' },
    ]);
    expect(await findClient(server.db, laptop)).toEqual({ ownerId: U, lastMutationId: 4 });
  });

  it('carries a note of the largest ciphertext through push, pull and bootstrap', async () => {
    const id = newNoteId();
    const ciphertext = 'B'.repeat(NOTE_CIPHERTEXT_MAX);
    const seq = await findCurrentSeq(server.db);
    expect(
      await push(server, token, { clientId: laptop, mutations: [notePut(1, id, 0, ciphertext)] }),
    ).toEqual([{ mutationId: 1, status: 'applied' }]);
    const page = await pull(seq);
    expect(page.changes).toHaveLength(1);
    expect(page.changes[0]).toMatchObject({ entity: 'note', value: { id, rev: 1 } });
    expect(
      page.changes[0]?.entity === 'note' &&
        page.changes[0].op === 'upsert' &&
        page.changes[0].value.ciphertext === ciphertext,
    ).toBe(true);
    const { notes } = await bootstrapNotes(`?section=notes`);
    expect(notes.find((n) => n.id === id)?.ciphertext === ciphertext).toBe(true);
  });
});

describe('POST /v1/sync/push with a bad note', () => {
  async function expectInvalid(body: unknown, field: string) {
    const seq = await findCurrentSeq(server.db);
    const notes = await server.db
      .selectFrom('notes')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const response = await server.post('/v1/sync/push', body, token);
    expect(response.status).toBe(400);
    const error = ApiError.parse(await response.json()).error;
    expect(error.code).toBe('invalid_input');
    expect(error.message).toContain(field);
    expect(await findCurrentSeq(server.db)).toBe(seq);
    expect(await findClient(server.db, laptop)).toBeUndefined();
    expect(
      await server.db
        .selectFrom('notes')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow(),
    ).toEqual(notes);
  }
  const good = () => notePut(1, newNoteId(), 0, fakeCiphertext('good'));

  it('names a ciphertext that is not base64url', () =>
    expectInvalid(
      { clientId: laptop, mutations: [good(), notePut(2, newNoteId(), 0, `${fakeCiphertext('bad')}+/==`)] },
      "'mutations.1.ciphertext'",
    ));
  it('names a ciphertext too short to be one', () =>
    expectInvalid(
      { clientId: laptop, mutations: [notePut(1, newNoteId(), 0, 'AAAA')] },
      "'mutations.0.ciphertext'",
    ));
  it('names a ciphertext over the largest size', () =>
    expectInvalid(
      { clientId: laptop, mutations: [notePut(1, newNoteId(), 0, 'A'.repeat(NOTE_CIPHERTEXT_MAX + 1))] },
      "'mutations.0.ciphertext': A note ciphertext can be at most 8.5 MB",
    ));
  it('refuses a body over the size limit with 413, storing nothing', async () => {
    const seq = await findCurrentSeq(server.db);
    const body = JSON.stringify({
      clientId: laptop,
      mutations: [1, 2].map((n) => notePut(n, newNoteId(), 0, 'A'.repeat(PUSH_BODY_MAX_BYTES / 2))),
    });
    expect(await refusalOf(await server.post('/v1/sync/push', body, token))).toMatchObject({
      status: 413,
      code: 'payload_too_large',
    });
    expect(await findCurrentSeq(server.db)).toBe(seq);
  });
  it('names a missing baseRev', () =>
    expectInvalid(
      {
        clientId: laptop,
        mutations: [
          { type: 'note.put', mutationId: 1, noteId: newNoteId(), ciphertext: fakeCiphertext('x') },
        ],
      },
      "'mutations.0.baseRev'",
    ));
  it('names a negative or fractional baseRev', () =>
    expectInvalid(
      {
        clientId: laptop,
        mutations: [
          { ...noteDelete(1, newNoteId(), 0), baseRev: -1 },
          { ...noteDelete(2, newNoteId(), 0), baseRev: 1.5 },
        ],
      },
      "'mutations.0.baseRev'",
    ));
  it('names a note id that is not a uuid', () =>
    expectInvalid(
      { clientId: laptop, mutations: [notePut(1, 'note-1', 0, fakeCiphertext('x'))] },
      "'mutations.0.noteId'",
    ));
  it('names an unknown field of a note mutation', () =>
    expectInvalid(
      {
        clientId: laptop,
        mutations: [{ ...notePut(1, newNoteId(), 0, fakeCiphertext('x')), body: 'plaintext' }],
      },
      'body',
    ));
});

describe('GET /v1/sync/bootstrap and /v1/sync/pull with notes', () => {
  it('streams my live notes last, by id, counted in begin, and resumes after a note id', async () => {
    const ids = [newNoteId(), newNoteId(), newNoteId()].sort();
    await push(server, token, {
      clientId: laptop,
      mutations: ids.map((id, i) => notePut(i + 1, id, 0, fakeCiphertext(`boot${i}`))),
    });
    const { lines, notes } = await bootstrapNotes();
    const rows = lines.filter((l) => l.type !== 'begin' && l.type !== 'end');
    expect(lines[0]).toMatchObject({ type: 'begin', total: rows.length });
    expect(lines.at(-1)).toMatchObject({ type: 'end', count: rows.length });
    const firstNote = rows.findIndex((l) => l.type === 'note');
    expect(rows.slice(firstNote).every((l) => l.type === 'note')).toBe(true);
    const noteIds = notes.map((n) => n.id);
    expect(noteIds).toEqual([...noteIds].sort());
    expect(noteIds).toEqual(expect.arrayContaining(ids));

    const cursor = await findCurrentSeq(server.db);
    const resumed = await bootstrapNotes(`?cursor=${cursor}&section=notes&after=${ids[0]}`);
    expect(
      resumed.lines.filter((l) => l.type !== 'begin' && l.type !== 'end').every((l) => l.type === 'note'),
    ).toBe(true);
    expect(resumed.notes.map((n) => n.id)).toEqual(noteIds.filter((id) => id > ids[0]!));
    expect(resumed.lines[0]).toMatchObject({ type: 'begin', cursor, total: resumed.notes.length });
  });

  it('leaves out notes written after the cursor, which pull delivers', async () => {
    const cursor = await findCurrentSeq(server.db);
    const id = newNoteId();
    await push(server, token, { clientId: laptop, mutations: [notePut(1, id, 0, fakeCiphertext('later'))] });
    expect((await bootstrapNotes(`?cursor=${cursor}&section=notes`)).notes.map((n) => n.id)).not.toContain(
      id,
    );
    expect((await pull(cursor)).changes).toEqual([
      {
        entity: 'note',
        op: 'upsert',
        seq: cursor + 1,
        value: { id, rev: 1, ciphertext: fakeCiphertext('later') },
      },
    ]);
  });

  it('pages notes by bytes: two of the largest notes come one a page, in pull and in bootstrap', async () => {
    const owner = 'p000004';
    const ownerToken = await issueToken(server.db, owner);
    const since = await findCurrentSeq(server.db);
    const ids = [newNoteId(), newNoteId()].sort();
    for (const [i, id] of ids.entries()) {
      await push(server, ownerToken, {
        clientId: `big-device-${serial}`,
        mutations: [notePut(i + 1, id, 0, `${i}`.repeat(NOTE_CIPHERTEXT_MAX))],
      });
    }
    const get = async (path: string) => {
      const response = await server.get(path, ownerToken);
      expect(response.status).toBe(200);
      return response;
    };
    const first = PullPage.parse(await (await get(`/v1/sync/pull?since=${since}`)).json());
    expect(first.changes.map((c) => c.seq)).toEqual([since + 1]);
    expect(first).toMatchObject({ cursor: since + 1, hasMore: true });
    const second = PullPage.parse(await (await get(`/v1/sync/pull?since=${first.cursor}`)).json());
    expect(second.changes.map((c) => c.seq)).toEqual([since + 2]);
    expect(second).toMatchObject({ cursor: since + 2, hasMore: false });

    const lines = (await readNdjson(await get('/v1/sync/bootstrap?section=notes'))).map((l) =>
      BootstrapLine.parse(l),
    );
    expect(lines.map((l) => (l.type === 'note' ? l.value.id : l.type))).toEqual(['begin', ...ids, 'end']);
  });
});
