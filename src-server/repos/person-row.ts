import type { Person } from '#shared/domain/person';
import { toPersonColumns } from '#shared/node/person-columns';
import type { PeopleTable } from '../db/schema.ts';

export function toPersonRow(person: Person, seq: number): PeopleTable {
  return { ...toPersonColumns(person), deleted: 0, seq };
}
