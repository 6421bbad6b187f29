import { sql, type Kysely } from 'kysely';

/**
 * Sessions replace the bearer tokens of 0020 (which never expired and could not be revoked). A sign-in opens
 * a family: short-lived access tokens and a rotating refresh token, each row one token stored as sha256 hex.
 * A refresh marks its refresh token used and adds a new pair to the family; presenting a used refresh token
 * again revokes the whole family (its rows go). Expired rows are swept. A family never outlives its sign-in
 * (family_started_at) by more than the refresh token's lifetime, so the IdP is consulted again at least that often.
 * used_id_tokens holds the sha256 of each ID token exchanged for a session, until it expires: one use each.
 *
 * The old `tokens` table is dropped, not converted: a token issued before this migration stops working, so an
 * app signed in to a demo server is signed out with a reason and signs in again (acceptable: demo tokens only).
 */
export async function up(db: Kysely<unknown>) {
  await db.schema.dropTable('tokens').execute();
  await db.schema
    .createTable('session_tokens')
    .addColumn('token_hash', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('access', 'refresh')`))
    .addColumn('family_id', 'text', (c) => c.notNull())
    .addColumn('person_id', 'text', (c) => c.notNull().references('people.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    /** When the family's sign-in happened: no refresh token of it expires later than this plus 30 days. */
    .addColumn('family_started_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    /** A refresh token's: when it was exchanged; a second exchange is a reuse. Null for access tokens. */
    .addColumn('used_at', 'text')
    /**
     * A refresh token's: set when the directory deactivated or removed its person. The row stays (until it
     * expires) so the app's next refresh is told why its session ended, not just that its token is unknown.
     */
    .addColumn('revoked_because', 'text', (c) => c.check(sql`revoked_because in ('person_deactivated')`))
    .execute();
  await db.schema.createIndex('session_tokens_family').on('session_tokens').column('family_id').execute();
  await db.schema.createIndex('session_tokens_person').on('session_tokens').column('person_id').execute();
  await db.schema.createIndex('session_tokens_expiry').on('session_tokens').column('expires_at').execute();
  await db.schema
    .createTable('used_id_tokens')
    .addColumn('token_hash', 'text', (c) => c.primaryKey())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('used_id_tokens_expiry').on('used_id_tokens').column('expires_at').execute();
}

export async function down(db: Kysely<unknown>) {
  await db.schema.dropTable('used_id_tokens').execute();
  await db.schema.dropTable('session_tokens').execute();
  // Sessions do not become tokens again: everyone signs in anew.
  await db.schema
    .createTable('tokens')
    .addColumn('token_hash', 'text', (c) => c.primaryKey())
    .addColumn('person_id', 'text', (c) => c.notNull().references('people.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('tokens_person').on('tokens').column('person_id').execute();
}
