import type { Kysely } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { toLocalDay } from '#shared/local-day';
import { RANKED_NOTES_MAX } from '#core/notes/notes.repo';
import { createNotesService, type NotesService } from '#core/notes/notes-service';
import { openLocalDb, type LocalDb } from '#core/store/local-db';
import { deletePeople, upsertPeople } from '#core/store/people.repo';
import type { SaveNoteInput } from '#shared/domain/note';
import { makePerson } from '../../support/people.ts';
import { makeTempDir } from '../../support/temp-dir.ts';

const ada = makePerson({ id: 'ada', name: 'Ada Lovelace' });
const bob = makePerson({ id: 'bob', name: 'Bob Martin', department: 'Sales' });
/** A fixed local noon, so "today" does not depend on when the test runs or the time zone. */
const NOON = new Date(2025, 5, 10, 12, 0, 0).getTime(); // 10 June 2025

const note = (fields: Partial<SaveNoteInput> = {}): SaveNoteInput => ({
  personId: ada.id,
  body: 'Met at the offsite',
  tags: [],
  pinned: false,
  followUpAt: null,
  ...fields,
});

describe('notes service', () => {
  let dir: Awaited<ReturnType<typeof makeTempDir>>;
  let db: Kysely<LocalDb>;
  let notes: NotesService;
  let clock: number;
  let signedIn: string | null;
  let written: number;

  beforeEach(async () => {
    dir = await makeTempDir();
    db = await openLocalDb(dir.path);
    await upsertPeople(db, [
      { person: ada, seq: 1 },
      { person: bob, seq: 2 },
    ]);
    clock = NOON;
    signedIn = 'me';
    written = 0;
    notes = createNotesService({
      db,
      signedInPersonId: async () => signedIn,
      emit: (event) => {
        if (event === 'notes.changed') written++;
      },
      syncSoon: () => undefined,
      now: () => clock++,
    });
  });
  afterEach(async () => {
    await db.destroy();
    await dir.remove();
  });

  const noteCount = async () => (await db.selectFrom('notes').select('id').execute()).length;

  it('creates, updates and deletes a note, telling listeners each time', async () => {
    const created = await notes.save(note({ tags: ['Offsite'], followUpAt: '2025-06-12' }));
    expect(created).toMatchObject({
      personId: ada.id,
      body: 'Met at the offsite',
      tags: ['Offsite'],
      pinned: false,
      followUpAt: '2025-06-12',
      createdAt: NOON,
      updatedAt: NOON,
    });
    expect(created.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(written).toBe(1);

    const updated = await notes.save({
      ...note({ body: 'Met at the Lyon offsite', pinned: true }),
      id: created.id,
    });
    expect(updated).toMatchObject({
      id: created.id,
      body: 'Met at the Lyon offsite',
      pinned: true,
      tags: [],
    });
    expect(updated.createdAt).toBe(created.createdAt);
    expect(updated.updatedAt).toBeGreaterThan(created.updatedAt);
    expect(written).toBe(2);

    expect(
      await notes.save({ ...note({ body: 'Met at the Lyon offsite', pinned: true }), id: created.id }),
    ).toEqual(updated);
    expect(written).toBe(2); // nothing changed, nothing written

    expect(await notes.delete(created.id)).toEqual({ deleted: true });
    expect(await notes.delete(created.id)).toEqual({ deleted: false });
    expect(written).toBe(3);
    expect(await notes.listForPerson(ada.id)).toEqual([]);
  });

  it('lists a colleague’s notes pinned first, then newest first', async () => {
    const first = await notes.save(note({ body: 'first' }));
    const pinned = await notes.save(note({ body: 'pinned', pinned: true }));
    const latest = await notes.save(note({ body: 'latest' }));
    await notes.save(note({ personId: bob.id, body: 'about Bob' }));
    const ids = (await notes.listForPerson(ada.id)).map((n) => n.id);
    expect(ids).toEqual([pinned.id, latest.id, first.id]);
  });

  it('refuses an unknown note id or an unknown colleague, writing nothing', async () => {
    await expect(notes.save({ ...note(), id: '8d1f0c7e-3c2b-4f7a-9a51-0c2f3b4a5d6e' })).rejects.toMatchObject(
      {
        code: 'not_found',
        message: expect.stringMatching(/No note with id/),
      },
    );
    await expect(notes.save(note({ personId: 'nobody' }))).rejects.toMatchObject({
      code: 'not_found',
      message: expect.stringMatching(/nobody/),
    });
    expect(await noteCount()).toBe(0);
    expect(written).toBe(0);
  });

  it('refuses to write when nobody is signed in', async () => {
    signedIn = null;
    await expect(notes.save(note())).rejects.toMatchObject({ code: 'unauthorized' });
    expect(await noteCount()).toBe(0);
  });

  describe('search', () => {
    it('matches every word as a prefix over body and tags, best match first, then newest', async () => {
      // The better match is the older one: relevance comes before recency.
      const strong = await notes.save(note({ body: 'Kubernetes migration', tags: ['kubernetes'] }));
      const weak = await notes.save(
        note({ body: 'Kubernetes migration. Also talked about lunch and the weather.' }),
      );
      const other = await notes.save(note({ personId: bob.id, body: 'Quarterly sales numbers' }));
      const byTag = await notes.save(note({ personId: bob.id, body: 'Lunch', tags: ['Migration plan'] }));

      const hits = await notes.search({ text: 'kube migr' });
      expect(hits.map((h) => h.note.id)).toEqual([strong.id, weak.id]);
      expect(hits[0]!.person).toEqual({
        id: ada.id,
        name: 'Ada Lovelace',
        title: ada.title,
        department: ada.department,
        location: ada.location,
        active: true,
      });
      expect((await notes.search({ text: 'plan' })).map((h) => h.note.id)).toEqual([byTag.id]);
      expect((await notes.search({ text: 'quart' })).map((h) => h.note.id)).toEqual([other.id]);
      expect(await notes.search({ text: 'kube nothing' })).toEqual([]);
    });

    it('lists every note newest first for an empty text, and respects the limit', async () => {
      const a = await notes.save(note({ body: 'a' }));
      const b = await notes.save(note({ personId: bob.id, body: 'b' }));
      const c = await notes.save(note({ body: 'c' }));
      expect((await notes.search({ text: '' })).map((h) => h.note.id)).toEqual([c.id, b.id, a.id]);
      expect((await notes.search({ text: '   ' })).map((h) => h.note.id)).toEqual([c.id, b.id, a.id]);
      expect((await notes.search({ text: '', limit: 2 })).map((h) => h.note.id)).toEqual([c.id, b.id]);
    });

    it('filters by tag regardless of case, with or without text', async () => {
      const cafe = await notes.save(note({ body: 'Coffee chat', tags: ['Café', 'mentoring'] }));
      const plain = await notes.save(note({ body: 'Coffee again', tags: ['cafe'] }));
      await notes.save(note({ body: 'Coffee, no tag' }));
      expect((await notes.search({ text: '', tag: 'CAFÉ' })).map((h) => h.note.id)).toEqual([cafe.id]);
      expect((await notes.search({ text: '', tag: 'Cafe' })).map((h) => h.note.id)).toEqual([plain.id]);
      expect((await notes.search({ text: 'coff', tag: 'Mentoring' })).map((h) => h.note.id)).toEqual([
        cafe.id,
      ]);
      expect(await notes.search({ text: 'coff', tag: 'unused' })).toEqual([]);
    });

    it('ignores diacritics and case on both sides', async () => {
      const accented = await notes.save(note({ body: 'Réunion à Zürich avec l’équipe' }));
      const plain = await notes.save(note({ body: 'Reunion in ZURICH' }));
      const ids = (text: string) => notes.search({ text }).then((hits) => hits.map((h) => h.note.id).sort());
      expect(await ids('reunion zur')).toEqual([accented.id, plain.id].sort());
      expect(await ids('RÉUN zür')).toEqual([accented.id, plain.id].sort());
      expect(await ids('equip')).toEqual([accented.id]);
    });

    it('takes FTS5 syntax in the text literally', async () => {
      const hit = await notes.save(note({ body: 'body NEAR tags AND "quotes" OR not' }));
      await notes.save(note({ body: 'something else' }));
      for (const text of [
        'NEAR(body tags)',
        'body:near',
        '"quotes',
        'tags AND',
        '* OR ^not',
        'body -tags',
        '(((',
      ]) {
        const hits = await notes.search({ text });
        if (text === '(((')
          expect(hits).toHaveLength(2); // no word at all: every note
        else expect(hits.map((h) => h.note.id)).toEqual([hit.id]);
      }
    });

    it('still lists notes about someone no longer in the directory', async () => {
      const gone = await notes.save(note({ personId: bob.id, body: 'Moved to another company' }));
      await deletePeople(db, [bob.id]);
      const [hit] = await notes.search({ text: 'moved' });
      expect(hit).toEqual({
        note: expect.objectContaining({ id: gone.id }),
        person: expect.objectContaining({ id: bob.id, active: false }),
      });
      expect(await notes.listForPerson(bob.id)).toHaveLength(1);
    });
  });

  it('lists the newest matches of a query too broad to rank, with the tag filter still applied', async () => {
    const many = RANKED_NOTES_MAX + 20;
    for (let i = 0; i < many; i++) {
      await notes.save(note({ body: `Roadmap sync number ${i}`, tags: i % 2 ? ['odd'] : [] }));
    }
    const broad = await notes.search({ text: 'road', limit: 5 });
    expect(broad.map((r) => r.note.body)).toEqual(
      [1, 2, 3, 4, 5].map((k) => `Roadmap sync number ${many - k}`),
    );
    const tagged = await notes.search({ text: 'road', tag: 'ODD', limit: 3 });
    expect(tagged.every((r) => r.note.tags.includes('odd'))).toBe(true);
    expect(tagged[0]?.note.body).toBe(`Roadmap sync number ${many % 2 ? many - 2 : many - 1}`);
  });

  it('counts tags across notes, most used first, folding case', async () => {
    await notes.save(note({ tags: ['Mentoring', 'go'] }));
    await notes.save(note({ tags: ['mentoring'] }));
    await notes.save(note({ personId: bob.id, tags: ['Mentoring', 'Sales'] }));
    expect(await notes.listTags()).toEqual([
      { value: 'Mentoring', count: 3 },
      { value: 'go', count: 1 },
      { value: 'Sales', count: 1 },
    ]);
  });

  it('crosses month and year ends when counting the week ahead', () => {
    expect(toLocalDay(new Date(2025, 11, 28, 9).getTime(), 7)).toBe('2026-01-04');
    expect(toLocalDay(new Date(2024, 1, 28, 9).getTime(), 1)).toBe('2024-02-29');
  });
});
