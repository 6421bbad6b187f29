import type { ReadDb } from '#shared/node/open-database';
import { PERSON_COLUMNS } from '#shared/node/person-columns';
import type { PeopleTable, ServerDb } from '../db/schema.ts';

/** The columns an HR import reads and writes; external_id and user_name belong to SCIM and are left alone. */
export const HR_PERSON_COLUMNS = [
  ...PERSON_COLUMNS,
  'employee_number',
] as const satisfies readonly (keyof PeopleTable)[];

export type HrPersonColumns = Pick<PeopleTable, (typeof HR_PERSON_COLUMNS)[number]>;

/** Every live person (deactivated ones included: a row in the file brings them back), as the import compares them. */
export function listStoredPeople(db: ReadDb<ServerDb>): Promise<HrPersonColumns[]> {
  return db.selectFrom('people').select(HR_PERSON_COLUMNS).where('deleted', '=', 0).execute();
}
