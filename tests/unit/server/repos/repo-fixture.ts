import type { Kysely } from 'kysely';
import { migrate } from '#shared/node/migrate';
import { openDatabase } from '#shared/node/open-database';
import { serverMigrations } from '#server/db/migrations/index';
import type { ServerDb } from '#server/db/schema';

/** A migrated in-memory server database. */
export async function openTestDb(): Promise<Kysely<ServerDb>> {
  const db = await openDatabase<ServerDb>({ file: ':memory:' });
  await migrate(db as Kysely<unknown>, serverMigrations);
  return db;
}
