import { sql, type Kysely } from 'kysely';
import { dropNotNull } from '#shared/node/schema-edits';

/**
 * What a company's directory (SCIM 2.0 or an HR CSV) matches people by, teams whose membership it manages,
 * and the hashed tokens it provisions with.
 * - people.external_id: the IdP's id for the person (SCIM externalId; an OIDC `oid`/`sub` claim is matched
 *   to it), user_name: SCIM userName, employee_number: the HR employee id. Each unique among live people.
 * - communities.managed_by_directory: a SCIM Group's team. No person created it: its created_by is null.
 * - provisioning_tokens: created by an admin on the command line, shown once, stored as sha256 hex; they
 *   authenticate /scim/v2 only.
 */
export async function up(db: Kysely<unknown>) {
  await db.schema.alterTable('people').addColumn('external_id', 'text').execute();
  await db.schema.alterTable('people').addColumn('user_name', 'text').execute();
  await db.schema.alterTable('people').addColumn('employee_number', 'text').execute();
  for (const column of ['external_id', 'user_name', 'employee_number']) {
    await db.schema
      .createIndex(`people_live_${column}`)
      .unique()
      .on('people')
      .column(column)
      .where(sql.ref('deleted'), '=', 0)
      .execute();
  }

  await db.schema
    .alterTable('communities')
    .addColumn('managed_by_directory', 'integer', (c) =>
      c
        .notNull()
        .defaultTo(0)
        .check(sql`managed_by_directory in (0, 1)`),
    )
    .execute();
  await dropNotNull(db, 'communities', 'created_by');

  await db.schema
    .createTable('provisioning_tokens')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('last_used_at', 'text')
    .addColumn('revoked_at', 'text')
    .execute();
}

export async function down(db: Kysely<unknown>) {
  await db.schema.dropTable('provisioning_tokens').execute();
  await db.schema.alterTable('communities').dropColumn('managed_by_directory').execute();
  // A directory's team has no creator to give back: the way down drops them with their memberships and posts.
  // created_by stays nullable (SQLite cannot add NOT NULL back in place); no null is left in it.
  await sql`delete from community_prefs where community_id in (select id from communities where created_by is null)`.execute(
    db,
  );
  await sql`delete from posts where community_id in (select id from communities where created_by is null)`.execute(
    db,
  );
  await sql`delete from memberships where community_id in (select id from communities where created_by is null)`.execute(
    db,
  );
  await sql`delete from communities where created_by is null`.execute(db);
  for (const column of ['external_id', 'user_name', 'employee_number']) {
    await db.schema.dropIndex(`people_live_${column}`).execute();
    await db.schema.alterTable('people').dropColumn(column).execute();
  }
}
