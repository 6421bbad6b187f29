import type { Kysely } from 'kysely';

/** Small key/value facts about this server's data, e.g. which person the demo org signs in as. */
export async function up(db: Kysely<unknown>) {
  await db.schema
    .createTable('server_meta')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>) {
  await db.schema.dropTable('server_meta').execute();
}
