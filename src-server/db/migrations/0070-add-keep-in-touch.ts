import { sql, type Kysely } from 'kysely';

/** A keep-in-touch cadence per connection, in days; null (every existing row) means none. */
export async function up(db: Kysely<unknown>) {
  await db.schema
    .alterTable('connections')
    .addColumn('keep_in_touch_days', 'integer', (c) =>
      c.check(sql`keep_in_touch_days is null or keep_in_touch_days between 1 and 365`),
    )
    .execute();
}

export async function down(db: Kysely<unknown>) {
  await db.schema.alterTable('connections').dropColumn('keep_in_touch_days').execute();
}
