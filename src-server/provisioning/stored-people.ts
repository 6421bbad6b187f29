import type { ReadDb } from '#shared/node/open-database';
import { PERSON_COLUMNS } from '#shared/node/person-columns';
import type { PeopleTable, ServerDb } from '../db/schema.ts';

/** The columns an HR import reads and writes; external_id and user_name belong to SCIM and are left alone. */
export const HR_PERSON_COLUMNS = [
  ...PERSON_COLUMNS,
  'employee_number',
] as const satisfies readonly (keyof PeopleTable)[];

export type HrPersonColumns = Pick<PeopleTable, (typeof HR_PERSON_COLUMNS)[number]>;

/** A stored person as the import compares them: their columns, and whether SCIM provisions them. */
export type StoredPerson = HrPersonColumns & { scimManaged: boolean };

/**
 * Every live person, deactivated ones included: a row in the file brings them back, unless SCIM provisions
 * them (then the identity provider alone says who is active: a stale HR export must not re-enable a leaver).
 */
export async function listStoredPeople(db: ReadDb<ServerDb>): Promise<StoredPerson[]> {
  const rows = await db
    .selectFrom('people')
    .select([...HR_PERSON_COLUMNS, 'scim_resource'])
    .where('deleted', '=', 0)
    .execute();
  return rows.map(({ scim_resource, ...person }) => ({ ...person, scimManaged: scim_resource !== null }));
}
