import type { Kysely } from 'kysely';

/** Key/value state of the sync engine and the session: cursor, bootstrap progress, server, signed-in person. */
export async function up(db: Kysely<unknown>) {
  await db.schema
    .createTable('local_state')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>) {
  await db.schema.dropTable('local_state').execute();
}
