import type { Person } from '#shared/domain/person';

/** A person with plausible defaults; pass what the test cares about. */
export function makePerson(overrides: Partial<Person> & Pick<Person, 'id' | 'name'>): Person {
  return {
    email: `${overrides.id}@example.com`,
    title: 'Software Engineer',
    department: 'Engineering',
    location: 'Lyon',
    managerId: null,
    skills: [],
    bio: '',
    timezone: 'Europe/Paris',
    active: true,
    ...overrides,
  };
}

/** Ada as a row of the core's local people table, written raw: every local schema version stores it so. */
export const LOCAL_ADA_ROW = {
  pk: null,
  id: 'p1',
  email: 'ada@example.com',
  name: 'Ada Lovelace',
  title: 'Engineer',
  department: 'Engineering',
  location: 'Lyon',
  manager_id: null,
  skills: '["Rust"]',
  bio: '',
  timezone: 'Europe/Paris',
  active: 1,
  seq: 7,
};
