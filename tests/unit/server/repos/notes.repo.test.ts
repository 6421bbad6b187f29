import type { Kysely } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ServerDb } from '#server/db/schema';
import { findCurrentSeq } from '#server/repos/change-seq.repo';
import {
  countNotesSnapshot,
  findNote,
  findNoteStates,
  findNotesPullEnd,
  listNotesSnapshotLines,
  writeNotes,
} from '#server/repos/notes.repo';
import { upsertPeople } from '#server/repos/people.repo';
import { makePerson } from '../../../support/people.ts';
import { openTestDb } from './repo-fixture.ts';

const A = 'pa';
const B = 'pb';
const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const text = (n: number, length = 100) => `${n}_`.padEnd(length, 'x');

describe('notes repo', () => {
  let db: Kysely<ServerDb>;
  beforeEach(async () => {
    db = await openTestDb();
    await upsertPeople(db, [makePerson({ id: A, name: 'Ada' }), makePerson({ id: B, name: 'Bob' })]);
  });
  afterEach(() => db.destroy());

  it('writes a batch with one new seq a note, scoped by owner, and reads states without ciphertext', async () => {
    const seq = await findCurrentSeq(db);
    await writeNotes(
      db,
      A,
      [1, 2, 3].map((n) => ({ id: id(n), rev: 1, ciphertext: text(n), writerClientId: 'client-a' })),
      1000,
    );
    await writeNotes(db, B, [{ id: id(1), rev: 1, ciphertext: text(9), writerClientId: 'client-b' }], 1000);
    await writeNotes(db, A, [{ id: id(2), rev: 2, ciphertext: null, writerClientId: 'client-x' }], 2000);
    expect(await findCurrentSeq(db)).toBe(seq + 5);
    expect(await findNote(db, { ownerId: A, id: id(1) })).toEqual({ id: id(1), rev: 1, ciphertext: text(1) });
    expect(await findNote(db, { ownerId: B, id: id(1) })).toEqual({ id: id(1), rev: 1, ciphertext: text(9) });
    expect(await findNote(db, { ownerId: A, id: id(2) })).toBeUndefined();
    expect(await findNoteStates(db, A, [id(1), id(2), id(4)])).toEqual(
      new Map([
        [id(1), { rev: 1, writerClientId: 'client-a', deleted: false }],
        [id(2), { rev: 2, writerClientId: 'client-x', deleted: true }],
      ]),
    );
    expect(await countNotesSnapshot(db, { viewerId: A, cursor: seq + 5 })).toBe(2);
    expect(await countNotesSnapshot(db, { viewerId: A, cursor: seq + 5, after: id(1) })).toBe(1);
  });

  it('pages the snapshot by rows and by bytes, always at least one note a page', async () => {
    await writeNotes(
      db,
      A,
      [1, 2, 3, 4, 5].map((n) => ({
        id: id(n),
        rev: 1,
        ciphertext: text(n, n === 3 ? 1000 : 100),
        writerClientId: 'c',
      })),
      0,
    );
    const cursor = await findCurrentSeq(db);
    const page = (after: string | undefined, limit: number, maxBytes: number) =>
      listNotesSnapshotLines(db, { viewerId: A, cursor, after, limit, maxBytes });
    const ids = (p: Awaited<ReturnType<typeof page>>) =>
      p && {
        ids: p.lines.map((l) => (JSON.parse(l) as { value: { id: string } }).value.id),
        lastKey: p.lastKey,
        full: p.full,
      };

    expect(ids(await page(undefined, 10, 10_000))).toEqual({
      ids: [1, 2, 3, 4, 5].map(id),
      lastKey: id(5),
      full: false,
    });
    expect(ids(await page(undefined, 2, 10_000))).toEqual({
      ids: [id(1), id(2)],
      lastKey: id(2),
      full: true,
    });
    // 100 + 100 fit in 250; the 1,000-byte third does not: it comes alone on the next page.
    expect(ids(await page(undefined, 10, 250))).toEqual({ ids: [id(1), id(2)], lastKey: id(2), full: true });
    expect(ids(await page(id(2), 10, 250))).toEqual({ ids: [id(3)], lastKey: id(3), full: true });
    expect(ids(await page(id(3), 10, 250))).toEqual({ ids: [id(4), id(5)], lastKey: id(5), full: false });
    expect(await page(id(5), 10, 250)).toBeNull();
    expect(JSON.parse((await page(undefined, 1, 10_000))!.lines[0]!)).toEqual({
      type: 'note',
      value: { id: id(1), rev: 1, ciphertext: text(1) },
    });
  });

  it('ends a pull page where the notes reach the byte budget', async () => {
    const since = await findCurrentSeq(db);
    await writeNotes(
      db,
      A,
      [1, 2, 3].map((n) => ({ id: id(n), rev: 1, ciphertext: text(n, 1000), writerClientId: 'c' })),
      0,
    );
    await writeNotes(db, A, [{ id: id(1), rev: 2, ciphertext: null, writerClientId: 'c' }], 0);
    const upTo = await findCurrentSeq(db);
    const end = (maxBytes: number, from = since) =>
      findNotesPullEnd(db, A, { since: from, upTo, limit: 100, maxBytes });
    // In seq order: note 2 (1,000 bytes), note 3 (1,000), then note 1's tombstone, which weighs nothing.
    expect(await end(10_000)).toBe(upTo);
    expect(await end(2000)).toBe(upTo);
    expect(await end(1500)).toBe(since + 2);
    // At least one note, however big.
    expect(await end(10)).toBe(since + 2);
    expect(await end(10, since + 2)).toBe(since + 3);
    // Others' notes are not the viewer's to page by.
    expect(await findNotesPullEnd(db, B, { since, upTo, limit: 100, maxBytes: 10 })).toBe(upTo);
  });
});
