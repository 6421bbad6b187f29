import { type Kysely, type Transaction } from 'kysely';
import type { Person } from '#shared/domain/person';
import type { LocalDb, PeopleTable } from './local-db.ts';

type WriteDb = Kysely<LocalDb> | Transaction<LocalDb>;

/** SQLite allows 32,766 bound parameters per statement; stay well under it. */
const MAX_PARAMS = 30_000;
const PEOPLE_COLUMNS = 12;

export function toPeopleRow(person: Person, seq: number): Omit<PeopleTable, 'pk'> {
  return {
    id: person.id,
    email: person.email,
    name: person.name,
    title: person.title,
    department: person.department,
    location: person.location,
    manager_id: person.managerId,
    skills: JSON.stringify(person.skills),
    bio: person.bio,
    timezone: person.timezone,
    active: person.active ? 1 : 0,
    seq,
  };
}

function chunk<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/**
 * Inserts or replaces people and their skills with multi-row statements. `fresh` skips the conflict
 * handling and skill cleanup when the caller knows none of the ids exist yet (the first snapshot).
 */
export async function upsertPeople(
  db: WriteDb,
  entries: readonly { person: Person; seq: number }[],
  { fresh = false } = {},
) {
  if (entries.length === 0) return;
  const rows = entries.map((e) => toPeopleRow(e.person, e.seq));
  for (const part of chunk(rows, Math.floor(MAX_PARAMS / PEOPLE_COLUMNS))) {
    let insert = db.insertInto('people').values(part);
    if (!fresh) {
      insert = insert.onConflict((oc) =>
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
          seq: eb.ref('excluded.seq'),
        })),
      );
    }
    await insert.execute();
  }
  const ids = entries.map((e) => e.person.id);
  if (!fresh) {
    for (const part of chunk(ids, MAX_PARAMS)) {
      await db.deleteFrom('person_skills').where('person_id', 'in', part).execute();
    }
  }
  const skills = entries.flatMap((e) =>
    [...new Set(e.person.skills)].map((skill) => ({ skill, person_id: e.person.id })),
  );
  for (const part of chunk(skills, Math.floor(MAX_PARAMS / 2))) {
    await db.insertInto('person_skills').values(part).execute();
  }
}

export async function deletePeople(db: WriteDb, ids: readonly string[]) {
  for (const part of chunk(ids, MAX_PARAMS)) {
    await db.deleteFrom('people').where('id', 'in', part).execute();
  }
}

/** Empties the directory (another account signed in, or this one signed out). */
export async function clearPeople(db: WriteDb) {
  await db.deleteFrom('person_skills').execute();
  await db.deleteFrom('people').execute();
}
