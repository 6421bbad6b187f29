import { sql, type Kysely } from 'kysely';

/** The colleague directory: people, their skills, and a full-text index over both. */
export async function up(db: Kysely<unknown>) {
  await db.schema
    .createTable('people')
    // An INTEGER PRIMARY KEY is a stable rowid: the external-content FTS table points at it.
    .addColumn('pk', 'integer', (c) => c.primaryKey())
    .addColumn('id', 'text', (c) => c.notNull().unique())
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('department', 'text', (c) => c.notNull())
    .addColumn('location', 'text', (c) => c.notNull())
    .addColumn('manager_id', 'text')
    .addColumn('skills', 'text', (c) => c.notNull()) // JSON array, as the server sends it
    .addColumn('bio', 'text', (c) => c.notNull())
    .addColumn('timezone', 'text', (c) => c.notNull())
    .addColumn('active', 'integer', (c) => c.notNull())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('people_name').on('people').columns(['name']).execute();
  await db.schema
    .createIndex('people_department_name')
    .on('people')
    .columns(['department', 'name'])
    .execute();
  await db.schema.createIndex('people_location_name').on('people').columns(['location', 'name']).execute();
  await db.schema.createIndex('people_manager').on('people').columns(['manager_id']).execute();

  await sql`create table person_skills (
    skill text not null,
    person_id text not null references people(id) on delete cascade,
    primary key (skill, person_id)
  ) without rowid`.execute(db);
  await db.schema.createIndex('person_skills_person').on('person_skills').columns(['person_id']).execute();

  await sql`create virtual table people_fts using fts5(
    name, title, skills, department, location,
    content = 'people', content_rowid = 'pk',
    tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3'
  )`.execute(db);
  await sql`create trigger people_fts_insert after insert on people begin
    insert into people_fts (rowid, name, title, skills, department, location)
    values (new.pk, new.name, new.title, new.skills, new.department, new.location);
  end`.execute(db);
  await sql`create trigger people_fts_delete after delete on people begin
    insert into people_fts (people_fts, rowid, name, title, skills, department, location)
    values ('delete', old.pk, old.name, old.title, old.skills, old.department, old.location);
  end`.execute(db);
  await sql`create trigger people_fts_update after update on people begin
    insert into people_fts (people_fts, rowid, name, title, skills, department, location)
    values ('delete', old.pk, old.name, old.title, old.skills, old.department, old.location);
    insert into people_fts (rowid, name, title, skills, department, location)
    values (new.pk, new.name, new.title, new.skills, new.department, new.location);
  end`.execute(db);
}

export async function down(db: Kysely<unknown>) {
  await db.schema.dropTable('people_fts').execute();
  await db.schema.dropTable('person_skills').execute();
  await db.schema.dropTable('people').execute();
}
