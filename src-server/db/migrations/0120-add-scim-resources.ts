import { sql, type Kysely } from 'kysely';

/**
 * What SCIM 2.0 keeps beside the person and the team:
 * - people.scim_resource: the last User the directory sent (JSON, only attributes of the published schemas),
 *   so a GET gives back what was provisioned (givenName, phone numbers…); the mapped columns always win.
 * - people.scim_manager_ref: a manager reference (SCIM id or externalId) not resolved yet; resolved when that
 *   person is provisioned.
 * - scim_groups: a Group's externalId and times, one row per team the directory created.
 */
export async function up(db: Kysely<unknown>) {
  await db.schema.alterTable('people').addColumn('scim_resource', 'text').execute();
  await db.schema.alterTable('people').addColumn('scim_manager_ref', 'text').execute();
  await db.schema
    .createIndex('people_scim_manager_ref')
    .on('people')
    .column('scim_manager_ref')
    .where(sql.ref('scim_manager_ref'), 'is not', null)
    .execute();
  await db.schema
    .createTable('scim_groups')
    .addColumn('community_id', 'text', (c) => c.primaryKey().references('communities.id'))
    .addColumn('external_id', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>) {
  await db.schema.dropTable('scim_groups').execute();
  await db.schema.dropIndex('people_scim_manager_ref').execute();
  await db.schema.alterTable('people').dropColumn('scim_manager_ref').execute();
  await db.schema.alterTable('people').dropColumn('scim_resource').execute();
}
