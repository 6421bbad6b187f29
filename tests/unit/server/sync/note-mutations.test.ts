import { describe, expect, it } from 'vitest';
import type { NoteState } from '#server/repos/notes.repo';
import {
  DELETED_ELSEWHERE,
  EDITED_ELSEWHERE,
  decideNoteMutations,
  type NoteMutation,
} from '#server/sync/note-mutations';

const ID = '0b5c1f7e-2d4a-4c6b-9e8f-1a2b3c4d5e6f';
const ME = 'client-me';
const CT = 'C'.repeat(40);

const put = (mutationId: number, baseRev: number, ciphertext = CT): NoteMutation => ({
  type: 'note.put',
  mutationId,
  noteId: ID,
  baseRev,
  ciphertext,
});
const del = (mutationId: number, baseRev: number): NoteMutation => ({
  type: 'note.delete',
  mutationId,
  noteId: ID,
  baseRev,
});
const stored = (state: NoteState) => new Map([[ID, state]]);
const live = (rev: number, writerClientId = 'client-other') =>
  stored({ rev, writerClientId, deleted: false });
const tombstone = (rev: number, writerClientId = 'client-other') =>
  stored({ rev, writerClientId, deleted: true });

function decideOne(state: Map<string, NoteState>, mutation: NoteMutation) {
  const { results, writes } = decideNoteMutations(state, ME, [mutation]);
  return { result: results[0], write: writes[0] };
}

describe('decideNoteMutations', () => {
  it.each([
    ['a new note, whatever its base', new Map<string, NoteState>(), put(1, 0), 1],
    ['a new note named with a base the server never gave', new Map<string, NoteState>(), put(1, 7), 1],
    ['the current revision', live(3), put(1, 3), 4],
    ["a stale base on this client's own write", live(3, ME), put(1, 1), 4],
    ["the tombstone's revision", tombstone(4), put(1, 4), 5],
  ])('applies a put onto %s', (_, state, mutation, rev) => {
    expect(decideOne(state, mutation)).toEqual({
      result: { mutationId: 1, status: 'applied' },
      write: { id: ID, rev, ciphertext: CT, writerClientId: ME },
    });
  });

  it.each([
    ['another device wrote since', live(3), put(1, 2), EDITED_ELSEWHERE],
    ['the base is ahead of the server', live(3), put(1, 4), EDITED_ELSEWHERE],
    ['another device deleted it since', tombstone(3), put(1, 2), DELETED_ELSEWHERE],
    [
      'this client deleted it, but the put names an older revision',
      tombstone(3, ME),
      put(1, 2),
      DELETED_ELSEWHERE,
    ],
  ])('reports a put a conflict when %s, writing nothing', (_, state, mutation, reason) => {
    expect(decideOne(state, mutation)).toEqual({
      result: { mutationId: 1, status: 'conflict', reason },
      write: undefined,
    });
  });

  it('tombstones a note deleted from its current revision, or on top of its own write', () => {
    for (const [state, mutation] of [
      [live(2), del(1, 2)],
      [live(2, ME), del(1, 1)],
    ] as const) {
      expect(decideOne(state, mutation)).toEqual({
        result: { mutationId: 1, status: 'applied' },
        write: { id: ID, rev: 3, ciphertext: null, writerClientId: ME },
      });
    }
  });

  it("reports deleting another device's newer edit a conflict, and deleting nothing applied", () => {
    expect(decideOne(live(2), del(1, 1))).toEqual({
      result: { mutationId: 1, status: 'conflict', reason: EDITED_ELSEWHERE },
      write: undefined,
    });
    expect(decideOne(new Map(), del(1, 0))).toEqual({
      result: { mutationId: 1, status: 'applied' },
      write: undefined,
    });
    expect(decideOne(tombstone(5), del(1, 2))).toEqual({
      result: { mutationId: 1, status: 'applied' },
      write: undefined,
    });
  });

  it('lets each mutation of a batch see the ones before it, and writes each note once', () => {
    const other = 'a1b2c3d4-0000-4000-8000-000000000000';
    const { results, writes } = decideNoteMutations(live(2), ME, [
      put(1, 1, 'stale'.padEnd(40, 'A')),
      put(2, 2, 'second'.padEnd(40, 'A')),
      put(3, 2, 'third'.padEnd(40, 'A')),
      { type: 'note.put', mutationId: 4, noteId: other, baseRev: 0, ciphertext: CT },
      del(5, 4),
      put(6, 5, 'revived'.padEnd(40, 'A')),
    ]);
    expect(results.map((r) => r.status)).toEqual([
      'conflict',
      'applied',
      'applied',
      'applied',
      'applied',
      'applied',
    ]);
    expect(writes).toEqual([
      { id: ID, rev: 6, ciphertext: 'revived'.padEnd(40, 'A'), writerClientId: ME },
      { id: other, rev: 1, ciphertext: CT, writerClientId: ME },
    ]);
  });
});
