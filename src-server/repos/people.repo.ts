import { sql, type Kysely } from 'kysely';
import type { Person } from '#shared/domain/person';
import type { ReadDb } from '#shared/node/open-database';
import { KithError } from '#shared/errors';
import type { ServerDb } from '../db/schema.ts';
import { inTransaction } from '../db/in-transaction.ts';
import { reserveSeqs } from './change-seq.repo.ts';
import { revokeSessionsOf } from './sessions.repo.ts';
import { fromPersonColumns, PERSON_COLUMNS } from '#shared/node/person-columns';
import { toPersonRow } from './person-row.ts';
import { jsonBool, jsonObject, jsonText } from './sql-json.ts';

/** 13 columns a row: 2,000 rows stay under SQLite's 32,766 bound parameters a statement. */
const INSERT_CHUNK_ROWS = 2000;

export interface SeqRange {
  firstSeq: number;
  lastSeq: number;
}

/**
 * Inserts or replaces people (reviving tombstones), each with a new seq, in one transaction.
 * Returns the seq range given out; an empty list changes nothing and returns null.
 */
export async function upsertPeople(
  db: Kysely<ServerDb>,
  people: readonly Person[],
): Promise<SeqRange | null> {
  return writePeople(db, people, true);
}

/** Like upsertPeople for ids that are new (seeding); an existing id fails the whole batch. */
export async function insertPeople(
  db: Kysely<ServerDb>,
  people: readonly Person[],
): Promise<SeqRange | null> {
  return writePeople(db, people, false);
}

async function writePeople(db: Kysely<ServerDb>, people: readonly Person[], upsert: boolean) {
  if (people.length === 0) return null;
  const ids = new Set(people.map((p) => p.id));
  if (ids.size !== people.length)
    throw new KithError('invalid_input', 'Each person may appear once per write');
  return inTransaction(db, async (trx) => {
    const firstSeq = await reserveSeqs(trx, people.length);
    for (let start = 0; start < people.length; start += INSERT_CHUNK_ROWS) {
      const rows = people
        .slice(start, start + INSERT_CHUNK_ROWS)
        .map((person, i) => toPersonRow(person, firstSeq + start + i));
      const insert = trx.insertInto('people').values(rows);
      if (!upsert) {
        await insert.execute();
        continue;
      }
      await insert
        .onConflict((oc) =>
          oc.column('id').doUpdateSet((eb) => ({
            email: eb.ref('excluded.email'),
            name: eb.ref('excluded.name'),
            title: eb.ref('excluded.title'),
            department: eb.ref('excluded.department'),
            location: eb.ref('excluded.location'),
            manager_id: eb.ref('excluded.manager_id'),
            skills: eb.ref('excluded.skills'),
            bio: eb.ref('excluded.bio'),
            timezone: eb.ref('excluded.timezone'),
            active: eb.ref('excluded.active'),
            deleted: eb.ref('excluded.deleted'),
            seq: eb.ref('excluded.seq'),
          })),
        )
        .execute();
    }
    return { firstSeq, lastSeq: firstSeq + people.length - 1 };
  });
}

/**
 * Turns a live person into a tombstone with a new seq and revokes their sessions.
 * Returns the tombstone's seq, or null when there was no live person with that id.
 */
export async function deletePerson(db: Kysely<ServerDb>, id: string): Promise<number | null> {
  return inTransaction(db, async (trx) => {
    const live = await trx
      .selectFrom('people')
      .select('id')
      .where('id', '=', id)
      .where('deleted', '=', 0)
      .executeTakeFirst();
    if (!live) return null;
    const seq = await reserveSeqs(trx, 1);
    await trx.updateTable('people').set({ deleted: 1, seq }).where('id', '=', id).execute();
    await revokeSessionsOf(trx, id);
    return seq;
  });
}

export async function findPerson(db: ReadDb<ServerDb>, id: string): Promise<Person | undefined> {
  const row = await db
    .selectFrom('people')
    .select(PERSON_COLUMNS)
    .where('id', '=', id)
    .where('deleted', '=', 0)
    .executeTakeFirst();
  return row && fromPersonColumns(row);
}

export async function findPersonByEmail(db: ReadDb<ServerDb>, email: string): Promise<Person | undefined> {
  const row = await db
    .selectFrom('people')
    .select(PERSON_COLUMNS)
    .where('email', '=', email.toLowerCase())
    .where('deleted', '=', 0)
    .executeTakeFirst();
  return row && fromPersonColumns(row);
}

/** True when the table holds any row, tombstones included. */
export async function hasPeople(db: ReadDb<ServerDb>): Promise<boolean> {
  return (await db.selectFrom('people').select('id').limit(1).executeTakeFirst()) !== undefined;
}

/** A people row as Person JSON, written by SQLite; keys and types match the Person schema. */
export const PERSON_JSON = jsonObject({
  id: 'id',
  email: 'email',
  name: 'name',
  title: 'title',
  department: 'department',
  location: 'location',
  managerId: 'manager_id',
  skills: jsonText('skills'),
  bio: 'bio',
  timezone: 'timezone',
  active: jsonBool('active'),
});

export interface SnapshotRange {
  /** Only rows whose last change is at or before this seq: the snapshot is the state at the cursor. */
  cursor: number;
  /** Only ids after this one (a resumed snapshot). */
  after?: string | undefined;
}

export async function countSnapshot(db: ReadDb<ServerDb>, { cursor, after }: SnapshotRange): Promise<number> {
  let query = db
    .selectFrom('people')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('deleted', '=', 0)
    .where('seq', '<=', cursor);
  if (after !== undefined) query = query.where('id', '>', after);
  return (await query.executeTakeFirstOrThrow()).n;
}

/**
 * One keyset page of the snapshot as ready-made NDJSON lines (`{"type":"person","value":Person}`), by id.
 * SQLite writes the JSON on its worker thread, which keeps 100,000 rows well under a second of main-thread
 * time; the keys and types match the Person schema (a test holds them equal to listSnapshotPage).
 */
export async function listSnapshotLines(
  db: ReadDb<ServerDb>,
  { cursor, after, limit }: SnapshotRange & { limit: number },
): Promise<{ id: string; line: string }[]> {
  let query = db
    .selectFrom('people')
    .select(['id', jsonObject({ type: sql.lit('person'), value: PERSON_JSON }).as('line')])
    .where('deleted', '=', 0)
    .where('seq', '<=', cursor);
  if (after !== undefined) query = query.where('id', '>', after);
  return query.orderBy('id').limit(limit).execute();
}

/** One keyset page of the snapshot, by id ascending. */
export async function listSnapshotPage(
  db: ReadDb<ServerDb>,
  { cursor, after, limit }: SnapshotRange & { limit: number },
): Promise<Person[]> {
  let query = db
    .selectFrom('people')
    .select(PERSON_COLUMNS)
    .where('deleted', '=', 0)
    .where('seq', '<=', cursor);
  if (after !== undefined) query = query.where('id', '>', after);
  const rows = await query.orderBy('id').limit(limit).execute();
  return rows.map(fromPersonColumns);
}

/** Which of these ids are live people, in one query a 10,000 ids. */
export async function findLivePersonIds(db: ReadDb<ServerDb>, ids: readonly string[]): Promise<Set<string>> {
  const live = new Set<string>();
  const unique = [...new Set(ids)];
  for (let i = 0; i < unique.length; i += 10_000) {
    const rows = await db
      .selectFrom('people')
      .select('id')
      .where('id', 'in', unique.slice(i, i + 10_000))
      .where('deleted', '=', 0)
      .execute();
    for (const row of rows) live.add(row.id);
  }
  return live;
}
