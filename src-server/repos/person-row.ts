import type { Person } from '#shared/domain/person';
import { toPersonColumns } from '#shared/node/person-columns';
import type { PersonRow } from '../db/schema.ts';

export function toPersonRow(person: Person, seq: number): PersonRow {
  return { ...toPersonColumns(person), deleted: 0, seq };
}
