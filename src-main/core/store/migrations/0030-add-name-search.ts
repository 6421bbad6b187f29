import { sql, type Kysely } from 'kysely';

const FTS_COLUMNS = 'name, title, skills, department, location';

async function createFtsTriggers(db: Kysely<unknown>, table: string, columns: string) {
  const values = (row: string) =>
    columns
      .split(', ')
      .map((c) => `${row}.${c}`)
      .join(', ');
  await sql
    .raw(
      `create trigger ${table}_insert after insert on people begin
      insert into ${table} (rowid, ${columns}) values (new.pk, ${values('new')});
    end`,
    )
    .execute(db);
  await sql
    .raw(
      `create trigger ${table}_delete after delete on people begin
      insert into ${table} (${table}, rowid, ${columns}) values ('delete', old.pk, ${values('old')});
    end`,
    )
    .execute(db);
  await sql
    .raw(
      `create trigger ${table}_update after update on people begin
      insert into ${table} (${table}, rowid, ${columns}) values ('delete', old.pk, ${values('old')});
      insert into ${table} (rowid, ${columns}) values (new.pk, ${values('new')});
    end`,
    )
    .execute(db);
}

/**
 * Broad searches ("a", "ma") ranked in milliseconds on a 100,000-person org: a one-letter prefix index on
 * the main index, a names-only index so "name matches first" does not re-read every match, and the name
 * indexes case-insensitive, so names that start with the typed text come in alphabetical order for free.
 */
export async function up(db: Kysely<unknown>) {
  for (const index of ['people_name', 'people_department_name', 'people_location_name']) {
    await sql.raw(`drop index ${index}`).execute(db);
  }
  await sql`create index people_name on people (name collate nocase, pk)`.execute(db);
  await sql`create index people_department_name on people (department, name collate nocase, pk)`.execute(db);
  await sql`create index people_location_name on people (location, name collate nocase, pk)`.execute(db);

  for (const t of ['people_fts_insert', 'people_fts_delete', 'people_fts_update']) {
    await sql.raw(`drop trigger ${t}`).execute(db);
  }
  await sql`drop table people_fts`.execute(db);
  await sql
    .raw(
      `create virtual table people_fts using fts5(${FTS_COLUMNS},
      content = 'people', content_rowid = 'pk',
      tokenize = 'unicode61 remove_diacritics 2', prefix = '1 2 3')`,
    )
    .execute(db);
  await createFtsTriggers(db, 'people_fts', FTS_COLUMNS);
  await sql`insert into people_fts (people_fts) values ('rebuild')`.execute(db);

  await sql`create virtual table people_name_fts using fts5(name,
      content = 'people', content_rowid = 'pk',
      tokenize = 'unicode61 remove_diacritics 2', prefix = '1 2 3')`.execute(db);
  await createFtsTriggers(db, 'people_name_fts', 'name');
  await sql`insert into people_name_fts (people_name_fts) values ('rebuild')`.execute(db);
}

export async function down(db: Kysely<unknown>) {
  for (const t of ['people_name_fts_insert', 'people_name_fts_delete', 'people_name_fts_update']) {
    await sql.raw(`drop trigger ${t}`).execute(db);
  }
  await sql`drop table people_name_fts`.execute(db);
}
