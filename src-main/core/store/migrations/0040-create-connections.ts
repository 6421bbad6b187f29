import { sql, type Kysely } from 'kysely';

/**
 * Personal data: the user's connections as the server last sent them, the same with pending local writes
 * folded on top (what the UI reads), others' shared connections, the outbox of local writes not yet
 * acknowledged and the writes the server refused.
 */
export async function up(db: Kysely<unknown>) {
  const connectionColumns = (table: string) =>
    db.schema
      .createTable(table)
      .addColumn('person_id', 'text', (c) => c.primaryKey())
      .addColumn('kinds', 'text', (c) => c.notNull()) // JSON array
      .addColumn('strength', 'integer', (c) => c.notNull())
      .addColumn('how_met', 'text', (c) => c.notNull())
      .addColumn('since', 'text')
      .addColumn('last_interaction_at', 'text')
      .addColumn('visibility', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'integer', (c) => c.notNull());
  await connectionColumns('connections_synced')
    .addColumn('seq', 'integer', (c) => c.notNull())
    .execute();
  await connectionColumns('connections').execute();
  await db.schema.createIndex('connections_strength').on('connections').columns(['strength']).execute();
  await db.schema
    .createIndex('connections_last_interaction')
    .on('connections')
    .columns(['last_interaction_at'])
    .execute();

  await sql`create table shared_connections (
    owner_id text not null,
    person_id text not null,
    kinds text not null,
    strength integer not null,
    seq integer not null,
    primary key (owner_id, person_id)
  ) without rowid`.execute(db);
  await db.schema
    .createIndex('shared_connections_person')
    .on('shared_connections')
    .columns(['person_id'])
    .execute();

  await db.schema
    .createTable('outbox')
    .addColumn('mutation_id', 'integer', (c) => c.primaryKey())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('person_id', 'text', (c) => c.notNull())
    .addColumn('payload', 'text', (c) => c.notNull()) // JSON: the mutation's fields beyond type and person
    .addColumn('created_at', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('outbox_person').on('outbox').columns(['person_id', 'mutation_id']).execute();

  await db.schema
    .createTable('rejected_writes')
    .addColumn('mutation_id', 'integer', (c) => c.primaryKey())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('at', 'integer', (c) => c.notNull())
    .execute();

  // A cache synced before connections existed never received them: the next sync takes a new snapshot.
  await sql`delete from local_state where key in ('cursor', 'dataset', 'bootstrap')`.execute(db);
}

export async function down(db: Kysely<unknown>) {
  for (const table of [
    'rejected_writes',
    'outbox',
    'shared_connections',
    'connections',
    'connections_synced',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
