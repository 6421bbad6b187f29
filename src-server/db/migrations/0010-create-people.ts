import { sql, type Kysely } from 'kysely';

/** People, and the change sequence their `seq` comes from (bumped in the same transaction as each write). */
export async function up(db: Kysely<unknown>) {
  await db.schema
    .createTable('change_seq')
    .addColumn('id', 'integer', (c) => c.primaryKey().check(sql`id = 1`))
    .addColumn('value', 'integer', (c) => c.notNull())
    .execute();
  await sql`insert into change_seq (id, value) values (1, 0)`.execute(db);

  await db.schema
    .createTable('people')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('department', 'text', (c) => c.notNull())
    .addColumn('location', 'text', (c) => c.notNull())
    .addColumn('manager_id', 'text')
    .addColumn('skills', 'text', (c) => c.notNull())
    .addColumn('bio', 'text', (c) => c.notNull())
    .addColumn('timezone', 'text', (c) => c.notNull())
    .addColumn('active', 'integer', (c) => c.notNull())
    .addColumn('deleted', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('seq', 'integer', (c) => c.notNull())
    // Clustered by id: bootstrap reads the whole table in id order.
    .modifyEnd(sql`without rowid`)
    .execute();
  await db.schema.createIndex('people_seq').unique().on('people').column('seq').execute();
  // A tombstone frees its email for a new person.
  await db.schema
    .createIndex('people_live_email')
    .unique()
    .on('people')
    .column('email')
    .where(sql.ref('deleted'), '=', 0)
    .execute();
}

export async function down(db: Kysely<unknown>) {
  await db.schema.dropTable('people').execute();
  await db.schema.dropTable('change_seq').execute();
}
