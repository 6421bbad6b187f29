import type { Person } from '../domain/person.ts';

/** How a Person is stored in a SQLite row, on the server and in the local cache alike. */
export interface PersonColumns {
  id: string;
  email: string;
  name: string;
  title: string;
  department: string;
  location: string;
  manager_id: string | null;
  /** JSON array of strings. */
  skills: string;
  bio: string;
  timezone: string;
  /** 0 | 1 */
  active: number;
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

export function toPersonColumns(person: Person): PersonColumns {
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
  };
}

export function fromPersonColumns(row: PersonColumns): Person {
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
