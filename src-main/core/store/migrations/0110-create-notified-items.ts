import { sql, type Kysely } from 'kysely';

/** The items a desktop notification was decided for, so a restart never shows one twice. */
export async function up(db: Kysely<unknown>) {
  await sql`create table notified_items (
    item_id text primary key,
    notified_at integer not null
  ) without rowid`.execute(db);
  // Pruning drops the oldest rows.
  await db.schema.createIndex('notified_items_at').on('notified_items').column('notified_at').execute();
}

export async function down(db: Kysely<unknown>) {
  await db.schema.dropTable('notified_items').execute();
}
