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
