import type { Note, NoteFields } from '#shared/domain/note';
import { toLocalDay } from '#shared/local-day';

/** One note in a person's timeline, with the conflict copies that wait to be merged into it. */
export interface TimelineEntry {
  note: Note;
  /** Copies of this note's text from an edit on another device (oldest first); empty when none. */
  conflicts: Note[];
}

/** Where a note sits in the timeline: the day of the interaction it logs, else the day it was written. */
export function timelineDay(note: Note, dayOf: (time: number) => string = toLocalDay): string {
  return note.interaction?.on ?? dayOf(note.createdAt);
}

/** The note a conflict copy belongs to, following copies of copies; null when that note is not in the list. */
function originalOf(copy: Note, byId: ReadonlyMap<string, Note>): Note | null {
  let current = copy;
  const seen = new Set<string>();
  while (current.conflictOf && !seen.has(current.id)) {
    seen.add(current.id);
    const parent = byId.get(current.conflictOf);
    if (!parent) return null;
    current = parent;
  }
  return current.conflictOf ? null : current;
}

/**
 * Notes and logged interactions in one list: pinned first, then newest first by their timeline day (the
 * interaction's day, else the day written), the later written first within a day. A conflict copy goes
 * under its original; one whose original is gone stands on its own.
 */
export function buildTimeline(
  notes: readonly Note[],
  dayOf: (time: number) => string = toLocalDay,
): TimelineEntry[] {
  const byId = new Map(notes.map((note) => [note.id, note]));
  const copies = new Map<string, Note[]>();
  const entries: Note[] = [];
  for (const note of notes) {
    const original = note.conflictOf ? originalOf(note, byId) : null;
    if (original) copies.set(original.id, [...(copies.get(original.id) ?? []), note]);
    else entries.push(note);
  }
  const keyed = entries.map((note) => ({ note, day: timelineDay(note, dayOf) }));
  keyed.sort(
    (a, b) =>
      Number(b.note.pinned) - Number(a.note.pinned) ||
      (a.day < b.day ? 1 : a.day > b.day ? -1 : 0) ||
      b.note.createdAt - a.note.createdAt ||
      (a.note.id < b.note.id ? -1 : 1),
  );
  return keyed.map(({ note }) => ({
    note,
    conflicts: (copies.get(note.id) ?? []).sort((a, b) => a.createdAt - b.createdAt),
  }));
}

/** The fields a note is saved with, from a note as read. */
export function fieldsOf(note: Note): NoteFields {
  return {
    personId: note.personId,
    body: note.body,
    tags: note.tags,
    pinned: note.pinned,
    followUpAt: note.followUpAt,
    interaction: note.interaction,
  };
}

const MAX_TAGS = 20;

function earlierDay(a: string | null, b: string | null): string | null {
  if (!a || !b) return a ?? b;
  return a < b ? a : b;
}

/** Where the two texts meet in a merge, so the reader sees where one ends. */
export const MERGE_SEPARATOR = '\n\n---\n\n';

/**
 * Both versions of a note in one, for the owner to tidy up before saving: the original's text, then the
 * copy's (once, if one already contains the other), every tag of either, pinned if either is, the earlier
 * follow-up, and the original's interaction (else the copy's).
 */
export function mergeConflict(original: Note, copy: Note): NoteFields {
  const a = original.body.trim();
  const b = copy.body.trim();
  let body: string;
  if (!b || a.includes(b)) body = original.body;
  else if (!a || b.includes(a)) body = copy.body;
  else body = `${original.body.trimEnd()}${MERGE_SEPARATOR}${copy.body.trim()}`;

  const tags = [...original.tags];
  for (const tag of copy.tags) {
    if (!tags.some((t) => t.toLowerCase() === tag.toLowerCase())) tags.push(tag);
  }
  return {
    personId: original.personId,
    body,
    tags: tags.slice(0, MAX_TAGS),
    pinned: original.pinned || copy.pinned,
    followUpAt: earlierDay(original.followUpAt, copy.followUpAt),
    interaction: original.interaction ?? copy.interaction,
  };
}
