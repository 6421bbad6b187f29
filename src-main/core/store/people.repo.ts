import type { Person } from '#shared/domain/person';
import { bulkInsert } from '#shared/node/bulk-insert';
import { chunk, type ReadDb, type WriteDb } from '#shared/node/open-database';
import { PERSON_COLUMNS, toPersonColumns } from '#shared/node/person-columns';
import type { LocalDb, PeopleTable } from './local-db.ts';

/** SQLite allows 32,766 bound parameters per statement; stay well under it. */
const MAX_PARAMS = 30_000;
const PEOPLE_COLUMNS = [...PERSON_COLUMNS, 'seq'] as const satisfies readonly (keyof PeopleTable)[];

export function toPeopleRow(person: Person, seq: number): Omit<PeopleTable, 'pk'> {
  return { ...toPersonColumns(person), seq };
}

/** The person's name, or their id when the directory does not hold them (a line about a write names them). */
export async function findPersonName(db: ReadDb<LocalDb>, id: string): Promise<string> {
  const person = await db.selectFrom('people').select('name').where('id', '=', id).executeTakeFirst();
  return person?.name ?? id;
}

/**
 * Inserts or replaces people and their skills with multi-row statements. `fresh` skips the conflict
 * handling and skill cleanup when the caller knows none of the ids exist yet (the first snapshot).
 */
export async function upsertPeople(
  db: WriteDb<LocalDb>,
  entries: readonly { person: Person; seq: number }[],
  { fresh = false } = {},
) {
  if (entries.length === 0) return;
  const rows = entries.map((e) => {
    const row = toPeopleRow(e.person, e.seq);
    return PEOPLE_COLUMNS.map((c) => row[c]);
  });
  await bulkInsert(db, 'people', PEOPLE_COLUMNS, rows, fresh ? {} : { upsertOn: 'id' });
  if (!fresh) {
    const ids = entries.map((e) => e.person.id);
    for (const part of chunk(ids, MAX_PARAMS)) {
      await db.deleteFrom('person_skills').where('person_id', 'in', part).execute();
    }
  }
  const skills = entries.flatMap((e) => [...new Set(e.person.skills)].map((skill) => [skill, e.person.id]));
  await bulkInsert(db, 'person_skills', ['skill', 'person_id'], skills);
}

export async function deletePeople(db: WriteDb<LocalDb>, ids: readonly string[]) {
  for (const part of chunk(ids, MAX_PARAMS)) {
    await db.deleteFrom('people').where('id', 'in', part).execute();
  }
}

/**
 * Keeps the directory readable but marks every row for the next snapshot to rewrite or drop (a cursor
 * reset): -1 is below any cursor, even one a rebuilt server's restarted sequence gives.
 */
export async function markPeopleStale(db: WriteDb<LocalDb>) {
  await db.updateTable('people').set({ seq: -1 }).execute();
}

/** Empties the directory (another account signed in, or this one signed out). */
export async function clearPeople(db: WriteDb<LocalDb>) {
  await db.deleteFrom('person_skills').execute();
  await db.deleteFrom('people').execute();
}
