import { sql, type Kysely } from 'kysely';
import { dropNotNull } from '#shared/node/schema-edits';

/**
 * Teams whose membership the company's directory manages (SCIM Groups): the app offers no join or leave.
 * No person created one: created_by may be null.
 */
export async function up(db: Kysely<unknown>) {
  await db.schema
    .alterTable('communities')
    .addColumn('managed_by_directory', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await dropNotNull(db, 'communities', 'created_by');
}

/** created_by stays nullable (SQLite cannot add NOT NULL back in place); directory teams go with the column. */
export async function down(db: Kysely<unknown>) {
  await sql`delete from communities where managed_by_directory = 1`.execute(db);
  await db.schema.alterTable('communities').dropColumn('managed_by_directory').execute();
}
