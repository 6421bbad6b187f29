import type { Person } from '#shared/domain/person';
import type { PeopleTable } from '../db/schema.ts';

export function toPersonRow(person: Person, seq: number): PeopleTable {
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
    deleted: 0,
    seq,
  };
}

export type PersonColumns = Omit<PeopleTable, 'deleted' | 'seq'>;

export function toPerson(row: PersonColumns): Person {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    title: row.title,
    department: row.department,
    location: row.location,
    managerId: row.manager_id,
    skills: JSON.parse(row.skills) as string[],
    bio: row.bio,
    timezone: row.timezone,
    active: row.active === 1,
  };
}

/** The columns a Person is read from, for select lists. */
export const PERSON_COLUMNS = [
  'id',
  'email',
  'name',
  'title',
  'department',
  'location',
  'manager_id',
  'skills',
  'bio',
  'timezone',
  'active',
] as const satisfies readonly (keyof PersonColumns)[];
