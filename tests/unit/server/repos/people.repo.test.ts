import type { Kysely } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BootstrapLine } from '#shared/wire/sync';
import type { ServerDb } from '#server/db/schema';
import { findCurrentSeq } from '#server/repos/change-seq.repo';
import {
  deletePerson,
  findPerson,
  findPersonByEmail,
  insertPeople,
  listSnapshotLines,
  listSnapshotPage,
  upsertPeople,
} from '#server/repos/people.repo';
import { listChangesFor } from '#server/repos/changes.repo';
import { generateOrg } from '#server/demo/generate-org';
import { makePerson, range } from '../../../integration/server/server-fixture.ts';
import { openTestDb } from './repo-fixture.ts';

let db: Kysely<ServerDb>;
beforeEach(async () => {
  db = await openTestDb();
});
afterEach(() => db.destroy());

describe('upsertPeople', () => {
  it('gives each person the next seq from the one change sequence', async () => {
    expect(
      await upsertPeople(
        db,
        range(1, 3).map((n) => makePerson(n)),
      ),
    ).toEqual({ firstSeq: 1, lastSeq: 3 });
    expect(await upsertPeople(db, [makePerson(2, { name: 'Renamed' })])).toEqual({ firstSeq: 4, lastSeq: 4 });
    expect(await findCurrentSeq(db)).toBe(4);
    expect(await findPerson(db, 'p000002')).toEqual(makePerson(2, { name: 'Renamed' }));
  });

  it('changes nothing for an empty list', async () => {
    expect(await upsertPeople(db, [])).toBeNull();
    expect(await findCurrentSeq(db)).toBe(0);
  });

  it('rejects a batch that names one id twice, and writes none of it', async () => {
    await expect(upsertPeople(db, [makePerson(1), makePerson(1)])).rejects.toMatchObject({
      code: 'invalid_input',
    });
    expect(await findCurrentSeq(db)).toBe(0);
  });

  it('rolls back the whole batch when one row breaks a constraint', async () => {
    await upsertPeople(db, [makePerson(1)]);
    const clash = makePerson(2, { email: makePerson(1).email });
    await expect(upsertPeople(db, [makePerson(3), clash])).rejects.toThrow(/UNIQUE/);
    expect(await findPerson(db, 'p000003')).toBeUndefined();
    expect(await findCurrentSeq(db)).toBe(1);
  });

  it('writes batches larger than one insert chunk', async () => {
    const org = generateOrg({ size: 4500 });
    await upsertPeople(db, org.people);
    expect(await findCurrentSeq(db)).toBe(4500);
    expect(await findPerson(db, 'p004500')).toEqual(org.people[4499]);
  });

  it('revives a tombstone with a new seq', async () => {
    await upsertPeople(db, [makePerson(1)]);
    await deletePerson(db, 'p000001');
    await upsertPeople(db, [makePerson(1)]);
    expect(await findPerson(db, 'p000001')).toEqual(makePerson(1));
    expect(await listChangesFor(db, 'p000001', { since: 2, upTo: 100, limit: 10 })).toEqual([
      { entity: 'person', op: 'upsert', seq: 3, value: makePerson(1) },
    ]);
  });
});

describe('insertPeople', () => {
  it('fails on an id that already exists', async () => {
    await insertPeople(db, [makePerson(1)]);
    await expect(insertPeople(db, [makePerson(1)])).rejects.toThrow(/UNIQUE|PRIMARY/);
  });
});

describe('deletePerson', () => {
  it('leaves a tombstone with a new seq and frees the email', async () => {
    await upsertPeople(
      db,
      range(1, 2).map((n) => makePerson(n)),
    );
    expect(await deletePerson(db, 'p000001')).toBe(3);
    expect(await findPerson(db, 'p000001')).toBeUndefined();
    expect(await findPersonByEmail(db, makePerson(1).email)).toBeUndefined();
    await upsertPeople(db, [makePerson(9, { email: makePerson(1).email })]);
    expect((await findPersonByEmail(db, makePerson(1).email))?.id).toBe('p000009');
  });

  it('returns null and takes no seq when there is no live person', async () => {
    await upsertPeople(db, [makePerson(1)]);
    await deletePerson(db, 'p000001');
    expect(await deletePerson(db, 'p000001')).toBeNull();
    expect(await deletePerson(db, 'p404404')).toBeNull();
    expect(await findCurrentSeq(db)).toBe(2);
  });
});

describe('listChangesFor', () => {
  it('returns person changes in (since, upTo] by seq, at most limit', async () => {
    await upsertPeople(
      db,
      range(1, 5).map((n) => makePerson(n)),
    );
    const changes = await listChangesFor(db, 'p000001', { since: 1, upTo: 4, limit: 10 });
    expect(changes.map((c) => c.seq)).toEqual([2, 3, 4]);
    expect((await listChangesFor(db, 'p000001', { since: 0, upTo: 5, limit: 2 })).map((c) => c.seq)).toEqual([
      1, 2,
    ]);
  });
});

describe('listSnapshotLines', () => {
  it('writes the same Person JSON as listSnapshotPage, line for line', async () => {
    const org = generateOrg({ size: 300, seed: 5 });
    await upsertPeople(db, org.people);
    await deletePerson(db, 'p000010');
    const lines = await listSnapshotLines(db, { cursor: 1000, after: 'p000005', limit: 400 });
    const people = await listSnapshotPage(db, { cursor: 1000, after: 'p000005', limit: 400 });
    expect(lines.map((l) => l.id)).toEqual(people.map((p) => p.id));
    expect(lines.map((l) => BootstrapLine.parse(JSON.parse(l.line)))).toEqual(
      people.map((value) => ({ type: 'person', value })),
    );
    expect(lines.map((l) => l.line)).toEqual(
      people.map((value) => JSON.stringify({ type: 'person', value })),
    );
    expect(lines.some((l) => l.id === 'p000010')).toBe(false);
  });
});
