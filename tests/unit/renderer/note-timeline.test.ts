import { describe, expect, it } from 'vitest';
import type { Note } from '#shared/domain/note';
import {
  buildTimeline,
  fieldsOf,
  MERGE_SEPARATOR,
  mergeConflict,
  timelineDay,
} from '../../../src-renderer/lib/note-timeline.ts';

/** Days from timestamps in UTC, so the test reads the same in every time zone. */
const utcDay = (time: number) => new Date(time).toISOString().slice(0, 10);
const at = (iso: string) => Date.parse(`${iso}Z`);

let seq = 0;
function note(overrides: Partial<Note> = {}): Note {
  seq += 1;
  const id = `00000000-0000-4000-8000-${String(seq).padStart(12, '0')}`;
  return {
    id,
    personId: 'p-1',
    body: `note ${seq}`,
    tags: [],
    pinned: false,
    followUpAt: null,
    interaction: null,
    createdAt: at('2026-11-01T10:00:00'),
    updatedAt: at('2026-11-01T10:00:00'),
    conflictOf: null,
    ...overrides,
  };
}

const ids = (entries: { note: Note }[]) => entries.map((e) => e.note.body);

describe('buildTimeline', () => {
  it('puts pinned notes first, then the newest first', () => {
    const old = note({ body: 'old', createdAt: at('2026-10-01T09:00:00') });
    const recent = note({ body: 'recent', createdAt: at('2026-11-20T09:00:00') });
    const pinnedOld = note({ body: 'pinned', pinned: true, createdAt: at('2026-01-01T09:00:00') });
    expect(ids(buildTimeline([old, recent, pinnedOld], utcDay))).toEqual(['pinned', 'recent', 'old']);
  });

  it('orders an interaction by the day it happened, not the day it was logged', () => {
    const coffee = note({
      body: 'coffee',
      createdAt: at('2026-11-22T18:00:00'),
      interaction: { type: 'coffee', on: '2026-11-10' },
    });
    const written = note({ body: 'written', createdAt: at('2026-11-15T09:00:00') });
    const call = note({
      body: 'call',
      createdAt: at('2026-11-12T09:00:00'),
      interaction: { type: 'call', on: '2026-11-21' },
    });
    expect(ids(buildTimeline([coffee, written, call], utcDay))).toEqual(['call', 'written', 'coffee']);
    expect(timelineDay(coffee, utcDay)).toBe('2026-11-10');
    expect(timelineDay(written, utcDay)).toBe('2026-11-15');
  });

  it('puts the later written first within one day', () => {
    const morning = note({ body: 'morning', createdAt: at('2026-11-15T08:00:00') });
    const meeting = note({
      body: 'meeting',
      createdAt: at('2026-11-15T17:00:00'),
      interaction: { type: 'meeting', on: '2026-11-15' },
    });
    expect(ids(buildTimeline([morning, meeting], utcDay))).toEqual(['meeting', 'morning']);
  });

  it('puts a conflict copy under its original, and a copy of a copy too', () => {
    const original = note({ body: 'original', createdAt: at('2026-11-01T09:00:00') });
    const other = note({ body: 'other', createdAt: at('2026-11-05T09:00:00') });
    const copy = note({ body: 'copy', conflictOf: original.id, createdAt: at('2026-11-30T09:00:00') });
    const copyOfCopy = note({ body: 'copy 2', conflictOf: copy.id, createdAt: at('2026-11-29T09:00:00') });
    const timeline = buildTimeline([copy, other, original, copyOfCopy], utcDay);
    expect(ids(timeline)).toEqual(['other', 'original']);
    expect(timeline[1]!.conflicts.map((c) => c.body)).toEqual(['copy 2', 'copy']);
    expect(timeline[0]!.conflicts).toEqual([]);
  });

  it('shows a conflict copy on its own when its original is gone', () => {
    const orphan = note({ body: 'orphan', conflictOf: '00000000-0000-4000-8000-999999999999' });
    const timeline = buildTimeline([orphan], utcDay);
    expect(ids(timeline)).toEqual(['orphan']);
    expect(timeline[0]!.conflicts).toEqual([]);
  });

  it('survives a cycle of copies without looping', () => {
    const a = note({ body: 'a' });
    const b = note({ body: 'b', conflictOf: a.id });
    a.conflictOf = b.id;
    expect(ids(buildTimeline([a, b], utcDay)).sort()).toEqual(['a', 'b']);
  });
});

describe('mergeConflict', () => {
  it('keeps both texts, every tag once, pinned if either, the earlier follow-up', () => {
    const original = note({ body: 'Ours', tags: ['Platform', 'lyon'], followUpAt: '2026-12-10' });
    const copy = note({
      body: 'Theirs\n',
      tags: ['platform', 'k8s'],
      pinned: true,
      followUpAt: '2026-12-01',
    });
    expect(mergeConflict(original, copy)).toEqual({
      personId: 'p-1',
      body: `Ours${MERGE_SEPARATOR}Theirs`,
      tags: ['Platform', 'lyon', 'k8s'],
      pinned: true,
      followUpAt: '2026-12-01',
      interaction: null,
    });
  });

  it('keeps one text when one contains the other', () => {
    const short = note({ body: 'Met at the guild.' });
    const long = note({ body: 'Met at the guild. Wants to move to Lyon.' });
    expect(mergeConflict(short, long).body).toBe(long.body);
    expect(mergeConflict(long, short).body).toBe(long.body);
  });

  it("keeps the original's interaction, else the copy's", () => {
    const call = { type: 'call' as const, on: '2026-11-02' };
    const coffee = { type: 'coffee' as const, on: '2026-11-03' };
    expect(mergeConflict(note({ interaction: call }), note({ interaction: coffee })).interaction).toEqual(
      call,
    );
    expect(mergeConflict(note(), note({ interaction: coffee })).interaction).toEqual(coffee);
  });
});

describe('fieldsOf', () => {
  it('takes what a note is saved with and leaves the bookkeeping', () => {
    const n = note({ tags: ['x'], interaction: { type: 'event', on: '2026-11-02' } });
    expect(fieldsOf(n)).toEqual({
      personId: n.personId,
      body: n.body,
      tags: ['x'],
      pinned: false,
      followUpAt: null,
      interaction: { type: 'event', on: '2026-11-02' },
    });
  });
});
