import { randomUUID } from 'node:crypto';
import { sql, type Kysely } from 'kysely';

/**
 * A random id for this database's change history. Every sync reply carries it: a client whose cursor
 * came from another history (the database was rebuilt or replaced) sees a new id and bootstraps again.
 */
export async function up(db: Kysely<unknown>) {
  await sql`insert into server_meta (key, value) values ('dataset_id', ${randomUUID()})`.execute(db);
}

export async function down(db: Kysely<unknown>) {
  await sql`delete from server_meta where key = 'dataset_id'`.execute(db);
}
