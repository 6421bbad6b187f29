import { sql, type Kysely } from 'kysely';

const FTS_COLUMNS = 'body, tags';

/**
 * Private notes about colleagues, on this device only until end-to-end encryption is set up. An integer
 * `pk` beside the uuid: the FTS5 external-content index keys on it, and VACUUM may renumber an implicit rowid.
 */
export async function up(db: Kysely<unknown>) {
  await db.schema
    .createTable('notes')
    .addColumn('pk', 'integer', (c) => c.primaryKey())
    .addColumn('id', 'text', (c) => c.notNull().unique())
    .addColumn('person_id', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('tags', 'text', (c) => c.notNull()) // JSON array, as written
    .addColumn('tag_keys', 'text', (c) => c.notNull()) // JSON array, lower-cased: the tag filter's key
    .addColumn('pinned', 'integer', (c) => c.notNull())
    .addColumn('follow_up_at', 'text') // YYYY-MM-DD
    .addColumn('created_at', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'integer', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('notes_person')
    .on('notes')
    .columns(['person_id', 'pinned', 'updated_at'])
    .execute();
  await db.schema.createIndex('notes_follow_up').on('notes').columns(['follow_up_at']).execute();

  await sql
    .raw(
      `create virtual table notes_fts using fts5(${FTS_COLUMNS},
      content = 'notes', content_rowid = 'pk',
      tokenize = 'unicode61 remove_diacritics 2', prefix = '1 2 3')`,
    )
    .execute(db);
  await sql`create trigger notes_fts_insert after insert on notes begin
      insert into notes_fts (rowid, body, tags) values (new.pk, new.body, new.tags);
    end`.execute(db);
  await sql`create trigger notes_fts_delete after delete on notes begin
      insert into notes_fts (notes_fts, rowid, body, tags) values ('delete', old.pk, old.body, old.tags);
    end`.execute(db);
  await sql`create trigger notes_fts_update after update on notes begin
      insert into notes_fts (notes_fts, rowid, body, tags) values ('delete', old.pk, old.body, old.tags);
      insert into notes_fts (rowid, body, tags) values (new.pk, new.body, new.tags);
    end`.execute(db);
}

export async function down(db: Kysely<unknown>) {
  for (const t of ['notes_fts_insert', 'notes_fts_delete', 'notes_fts_update']) {
    await sql.raw(`drop trigger ${t}`).execute(db);
  }
  await sql`drop table notes_fts`.execute(db);
  await db.schema.dropTable('notes').execute();
}
