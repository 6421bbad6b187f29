import { sql, type Kysely } from 'kysely';

/**
 * Notes sync end-to-end encrypted. Each note remembers the server revision it descends from (0: never
 * synced), the note it is a conflict copy of, and the interaction it logs. notes_synced holds the server's
 * latest version of each note as ciphertext, beside what the UI reads (like connections_synced beside
 * connections): a new device keeps notes it cannot read yet, and a pull never overwrites a pending edit.
 * Note mutations queue in the outbox under their note id (person_id: the person the note is about).
 */
export async function up(db: Kysely<unknown>) {
  await db.schema
    .alterTable('notes')
    .addColumn('rev', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.alterTable('notes').addColumn('conflict_of', 'text').execute();
  await db.schema.alterTable('notes').addColumn('interaction_type', 'text').execute();
  await db.schema.alterTable('notes').addColumn('interaction_on', 'text').execute(); // YYYY-MM-DD

  await db.schema
    .createTable('notes_synced')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('rev', 'integer', (c) => c.notNull())
    .addColumn('ciphertext', 'text', (c) => c.notNull())
    .addColumn('seq', 'integer', (c) => c.notNull())
    // 1: the ciphertext failed authentication under the notes key; kept as it came, not shown.
    .addColumn('unreadable', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();

  await db.schema.alterTable('outbox').addColumn('note_id', 'text').execute();
  await sql`create index outbox_note on outbox (note_id, mutation_id) where note_id is not null`.execute(db);
}

export async function down(db: Kysely<unknown>) {
  await sql`drop index outbox_note`.execute(db);
  await sql`delete from outbox where note_id is not null`.execute(db);
  await db.schema.alterTable('outbox').dropColumn('note_id').execute();
  await db.schema.dropTable('notes_synced').execute();
  for (const column of ['interaction_on', 'interaction_type', 'conflict_of', 'rev']) {
    await db.schema.alterTable('notes').dropColumn(column).execute();
  }
}
