import { sql, type Kysely } from 'kysely';

/*
 * Schema changes SQLite's ALTER TABLE cannot make, done the way SQLite documents for edits that leave the
 * stored rows valid as they are (https://www.sqlite.org/lang_altertable.html, "making other kinds of table
 * schema changes"): the table's CREATE statement is rewritten in sqlite_schema and schema_version bumped,
 * inside the migration's transaction. This is the only SQLite-only DDL outside the dialect; PostgreSQL says
 * the same with ALTER TABLE ... ALTER COLUMN ... DROP NOT NULL.
 */

/** Lets `column` of `table` hold null. Existing rows are untouched (none is null yet). */
export async function dropNotNull(db: Kysely<unknown>, table: string, column: string): Promise<void> {
  const found = await sql<{
    sql: string;
  }>`select sql from sqlite_schema where type = 'table' and name = ${table}`.execute(db);
  const create = found.rows[0]?.sql;
  if (!create) throw new Error(`dropNotNull: no table ${table}`);
  const pattern = new RegExp(`((?:"${column}"|\\b${column}\\b)\\s+\\w+)\\s+not\\s+null`, 'i');
  if (!pattern.test(create)) throw new Error(`dropNotNull: ${table}.${column} is not declared not null`);
  const { rows } = await sql<{ schema_version: number }>`pragma schema_version`.execute(db);
  const version = rows[0]?.schema_version;
  if (version === undefined) throw new Error('dropNotNull: SQLite did not report its schema_version');
  await sql`pragma writable_schema = on`.execute(db);
  try {
    await sql`update sqlite_schema set sql = ${create.replace(pattern, '$1')} where type = 'table' and name = ${table}`.execute(
      db,
    );
    await sql.raw(`pragma schema_version = ${version + 1}`).execute(db);
  } finally {
    await sql`pragma writable_schema = off`.execute(db);
  }
}
