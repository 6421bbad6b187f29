import { sql, type Kysely } from 'kysely';

/**
 * End-to-end encrypted notes: the server holds each note's ciphertext only (seq from the shared change
 * sequence, scoped by owner since note ids are chosen by the clients), and each owner's notes key as
 * wrapped by their passphrase. Neither table ever holds plaintext.
 */
export async function up(db: Kysely<unknown>) {
  await db.schema
    .createTable('notes')
    .addColumn('owner_id', 'text', (c) => c.notNull().references('people.id'))
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('rev', 'integer', (c) => c.notNull().check(sql`rev >= 1`))
    // Null in a tombstone: a deleted note's ciphertext is dropped.
    .addColumn('ciphertext', 'text')
    .addColumn('writer_client_id', 'text', (c) => c.notNull())
    .addColumn('deleted', 'integer', (c) =>
      c
        .notNull()
        .defaultTo(0)
        .check(sql`deleted in (0, 1)`),
    )
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'integer', (c) => c.notNull())
    // The key's index serves the bootstrap (one owner's notes by id). A rowid table, not WITHOUT ROWID:
    // a ciphertext can be megabytes, and large rows belong in a rowid table's overflow pages.
    .addPrimaryKeyConstraint('notes_pk', ['owner_id', 'id'])
    .addCheckConstraint('notes_tombstone_empty', sql`(deleted = 1) = (ciphertext is null)`)
    .execute();
  // Pull reads one owner's notes by seq.
  await db.schema.createIndex('notes_owner_seq').unique().on('notes').columns(['owner_id', 'seq']).execute();

  await db.schema
    .createTable('notes_keys')
    .addColumn('owner_id', 'text', (c) => c.primaryKey().references('people.id'))
    .addColumn('key_id', 'text', (c) => c.notNull())
    // The WrappedNotesKey as JSON: the key encrypted under a passphrase-derived key, never the key itself.
    .addColumn('wrapped', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'integer', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>) {
  await db.schema.dropTable('notes_keys').execute();
  await db.schema.dropTable('notes').execute();
}
