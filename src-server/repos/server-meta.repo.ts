import type { Kysely } from 'kysely';
import type { ReadDb } from '#shared/node/open-database';
import type { ServerDb } from '../db/schema.ts';

export type MetaKey = 'demo_user_id' | 'dataset_id';

export async function findMeta(db: ReadDb<ServerDb>, key: MetaKey): Promise<string | undefined> {
  const row = await db.selectFrom('server_meta').select('value').where('key', '=', key).executeTakeFirst();
  return row?.value;
}

export async function upsertMeta(db: Kysely<ServerDb>, key: MetaKey, value: string): Promise<void> {
  await db
    .insertInto('server_meta')
    .values({ key, value })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value }))
    .execute();
}

/** The id of this database's change history (migration 0040 creates it). */
export async function findDatasetId(db: ReadDb<ServerDb>): Promise<string> {
  const id = await findMeta(db, 'dataset_id');
  if (!id) throw new Error('server_meta has no dataset_id: the database was not migrated');
  return id;
}
