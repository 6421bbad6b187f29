import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEventHub } from '#core/events';
import { createDirectoryService, type DirectoryService } from '#core/directory/directory-service';
import { RANKED_MAX } from '#core/directory/directory-search';
import { findProfile, listFacets } from '#core/directory/directory.repo';
import { openLocalDb, type LocalDb } from '#core/store/local-db';
import { upsertPeople } from '#core/store/people.repo';
import { makePerson } from '../../support/people.ts';
import { makeTempDir } from '../../support/temp-dir.ts';

const people = [
  makePerson({
    id: 'ceo',
    name: 'Grace Hopper',
    title: 'Chief Executive Officer',
    department: 'Executive',
    location: 'Paris',
  }),
  makePerson({
    id: 'vp',
    name: 'Linus Berger',
    title: 'VP Engineering',
    managerId: 'ceo',
    skills: ['Leadership'],
  }),
  makePerson({
    id: 'kube-name',
    name: 'Kuber Singh',
    title: 'Accountant',
    department: 'Finance',
    managerId: 'vp',
  }),
  makePerson({
    id: 'kube-skill',
    name: 'Amélie Durand',
    title: 'Platform Engineer',
    managerId: 'vp',
    skills: ['Kubernetes', 'Go'],
  }),
  makePerson({
    id: 'kube-skill-berlin',
    name: 'Jonas Weber',
    location: 'Berlin',
    managerId: 'vp',
    skills: ['Kubernetes'],
    active: false,
  }),
  makePerson({
    id: 'designer',
    name: 'Zoe Park',
    title: 'Product Designer',
    department: 'Design',
    managerId: 'ceo',
    skills: ['Figma'],
  }),
];

const base = { text: '', offset: 0, limit: 50 };

describe('directory search and profile', () => {
  let db: Kysely<LocalDb>;
  let directory: DirectoryService;
  let dir: Awaited<ReturnType<typeof makeTempDir>>;
  beforeAll(async () => {
    dir = await makeTempDir();
    db = await openLocalDb(dir.path);
    await upsertPeople(
      db,
      people.map((person) => ({ person, seq: 1 })),
      { fresh: true },
    );
    directory = createDirectoryService(db, createEventHub());
  });
  afterAll(async () => {
    await db.destroy();
    await dir.remove();
  });

  const ids = async (
    params: Partial<typeof base> & { department?: string; location?: string; skill?: string },
  ) => (await directory.searchPeople({ ...base, ...params })).items.map((p) => p.id);

  it('ranks a name match above a skill match for the same prefix', async () => {
    const found = await ids({ text: 'kube' });
    expect(found[0]).toBe('kube-name');
    expect(found.slice(1).sort()).toEqual(['kube-skill', 'kube-skill-berlin']);
  });

  it('requires every word, each as a prefix, across columns', async () => {
    expect(await ids({ text: 'kub berl' })).toEqual(['kube-skill-berlin']);
    expect(await ids({ text: 'platform go' })).toEqual(['kube-skill']);
    expect(await ids({ text: 'platform figma' })).toEqual([]);
  });

  it('matches without diacritics and ignores case', async () => {
    expect(await ids({ text: 'AMELIE' })).toEqual(['kube-skill']);
  });

  it('takes FTS5 syntax in the text literally instead of failing', async () => {
    for (const text of ['"', 'NEAR(', 'name:zoe', 'a* OR', '(', '^', '-']) {
      await expect(directory.searchPeople({ ...base, text })).resolves.toBeDefined();
    }
    expect(await ids({ text: 'name:zoe' })).toEqual([]);
    expect(await ids({ text: 'zoe)' })).toEqual(['designer']);
  });

  it('combines text with department, site and skill filters, and counts the same set', async () => {
    expect(await ids({ text: 'kube', department: 'Engineering' })).toEqual(
      expect.arrayContaining(['kube-skill', 'kube-skill-berlin']),
    );
    expect(await ids({ text: 'kube', location: 'Berlin' })).toEqual(['kube-skill-berlin']);
    expect(await ids({ skill: 'Kubernetes', location: 'Lyon' })).toEqual(['kube-skill']);
    const total = async (params: Partial<typeof base> & { department?: string }) =>
      (await directory.searchPeople({ ...base, ...params })).total;
    expect(await total({ text: 'kube', department: 'Engineering' })).toBe(2);
    expect(await total({ text: '' })).toBe(people.length);
    expect(await total({ text: '', department: 'Engineering' })).toBe(3);
  });

  it('lists everyone by name when there is no text, page by page', async () => {
    const first = await directory.searchPeople({ ...base, limit: 2 });
    const second = await directory.searchPeople({ ...base, limit: 2, offset: 2 });
    expect([...first.items, ...second.items].map((p) => p.name)).toEqual([
      'Amélie Durand',
      'Grace Hopper',
      'Jonas Weber',
      'Kuber Singh',
    ]);
    expect(second.offset).toBe(2);
  });

  it('counts facet values', async () => {
    const facets = await listFacets(db);
    expect(facets.departments).toContainEqual({ value: 'Engineering', count: 3 });
    expect(facets.locations).toContainEqual({ value: 'Berlin', count: 1 });
    expect(facets.skills[0]).toEqual({ value: 'Kubernetes', count: 2 });
  });

  it('gives a profile with the manager chain from the top and the direct reports', async () => {
    const profile = await findProfile(db, 'kube-skill');
    expect(profile?.person.skills).toEqual(['Kubernetes', 'Go']);
    expect(profile?.managerChain.map((p) => p.id)).toEqual(['ceo', 'vp']);
    expect(profile?.directReports).toEqual([]);
    const vp = await findProfile(db, 'vp');
    expect(vp?.directReports.map((p) => p.id)).toEqual(['kube-skill', 'kube-skill-berlin', 'kube-name']);
    expect(vp?.directReports.find((p) => p.id === 'kube-skill-berlin')?.active).toBe(false);
  });

  it('stops a manager chain that loops instead of recursing forever', async () => {
    await upsertPeople(db, [
      { person: makePerson({ id: 'loop-a', name: 'Loop A', managerId: 'loop-b' }), seq: 2 },
      { person: makePerson({ id: 'loop-b', name: 'Loop B', managerId: 'loop-a' }), seq: 2 },
    ]);
    const profile = await findProfile(db, 'loop-a');
    expect(profile?.managerChain.length).toBeLessThanOrEqual(64);
    expect(await findProfile(db, 'nobody')).toBeNull();
  });
});

describe('directory search of a broad query', () => {
  let db: Kysely<LocalDb>;
  let directory: DirectoryService;
  let dir: Awaited<ReturnType<typeof makeTempDir>>;
  const crowd = Array.from({ length: RANKED_MAX + 300 }, (_, i) =>
    makePerson({ id: `c${String(i).padStart(5, '0')}`, name: `Person ${i}`, title: 'Common Analyst' }),
  );
  const named = ['Commons Ada', 'Ben Commonwealth', 'Cy Commoner', 'commodore Zed'].map((name, i) =>
    makePerson({ id: `z${i}`, name, title: 'Designer' }),
  );

  beforeAll(async () => {
    dir = await makeTempDir();
    db = await openLocalDb(dir.path);
    await upsertPeople(
      db,
      [...crowd, ...named].map((person) => ({ person, seq: 1 })),
      { fresh: true },
    );
    directory = createDirectoryService(db, createEventHub());
  });
  afterAll(async () => {
    await db.destroy();
    await dir.remove();
  });

  it('lists names starting with the text (any case, alphabetically), other name matches, then the rest', async () => {
    const page = await directory.searchPeople({ text: 'comm', offset: 0, limit: 6 });
    expect(page.items.slice(0, 2).map((p) => p.name)).toEqual(['commodore Zed', 'Commons Ada']);
    expect(page.items.slice(2, 4).map((p) => p.id)).toEqual(['z1', 'z2']);
    expect(page.items[4]?.title).toBe('Common Analyst');
    expect(page).toMatchObject({ total: RANKED_MAX, totalIsLowerBound: true });
  });

  it('pages through both tiers without repeating or skipping anyone', async () => {
    const seen: string[] = [];
    for (let offset = 0; offset < 40; offset += 7) {
      const page = await directory.searchPeople({ text: 'comm', offset, limit: 7 });
      seen.push(...page.items.map((p) => p.id));
    }
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.slice(0, 4)).toEqual(['z3', 'z0', 'z1', 'z2']);
    expect(seen.slice(4, 9)).toEqual(['c00000', 'c00001', 'c00002', 'c00003', 'c00004']);
  });

  it('keeps name matches first under filters, and ranks by relevance once the matches are few', async () => {
    const page = await directory.searchPeople({
      text: 'comm',
      offset: 0,
      limit: 10,
      department: 'Engineering',
      location: 'Lyon',
    });
    expect(page.totalIsLowerBound).toBe(true);
    expect(page.items.slice(0, 4).map((p) => p.id)).toEqual(['z3', 'z0', 'z1', 'z2']);
    const elsewhere = await directory.searchPeople({
      text: 'comm',
      offset: 0,
      limit: 10,
      location: 'Berlin',
    });
    expect(elsewhere).toMatchObject({ total: 0, items: [] });
    const narrow = await directory.searchPeople({ text: 'comm analyst 12', offset: 0, limit: 10 });
    expect(narrow.totalIsLowerBound).toBe(false);
    expect(narrow.items[0]?.name).toBe('Person 12');
  });
});
