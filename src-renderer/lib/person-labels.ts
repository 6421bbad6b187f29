import type { PersonSummary } from '#shared/domain/person';

/**
 * One unique label per person for a pick list whose options are plain strings: the name, then the name
 * with the department where two people share a name, then the id as a last resort.
 */
export function labelPeople(people: readonly PersonSummary[]): Map<string, PersonSummary> {
  const byName = new Map<string, number>();
  for (const person of people) byName.set(person.name, (byName.get(person.name) ?? 0) + 1);
  const labels = new Map<string, PersonSummary>();
  for (const person of people) {
    let label = (byName.get(person.name) ?? 0) > 1 ? `${person.name} (${person.department})` : person.name;
    if (labels.has(label)) label = `${person.name} (${person.id})`;
    if (!labels.has(label)) labels.set(label, person);
  }
  return labels;
}

/** What "inactive" means on a person: the directory deactivated them (they left, or IT turned them off). */
export const INACTIVE_HINT = 'Deactivated in your company’s directory: they can no longer sign in to Kith.';
