import { sql, type Kysely } from 'kysely';

/**
 * A keep-in-touch cadence per connection, in days (null: none), on the server's version and on what the UI
 * reads. The partial index serves the follow-ups query, which reads only connections with a cadence.
 * Before this version the cadence was dropped on arrival, so a cadence another device set was never kept:
 * the next sync takes a new snapshot, as 0040 did.
 */
export async function up(db: Kysely<unknown>) {
  for (const table of ['connections_synced', 'connections']) {
    await db.schema.alterTable(table).addColumn('keep_in_touch_days', 'integer').execute();
  }
  await db.schema
    .createIndex('connections_keep_in_touch')
    .on('connections')
    .column('person_id')
    .where(sql.ref('keep_in_touch_days'), 'is not', null)
    .execute();
  await sql`delete from local_state where key in ('cursor', 'dataset', 'bootstrap')`.execute(db);
}

export async function down(db: Kysely<unknown>) {
  await db.schema.dropIndex('connections_keep_in_touch').execute();
  for (const table of ['connections', 'connections_synced']) {
    await db.schema.alterTable(table).dropColumn('keep_in_touch_days').execute();
  }
}
