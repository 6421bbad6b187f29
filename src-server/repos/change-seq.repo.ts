import type { Transaction } from 'kysely';
import type { ReadDb } from '#shared/node/open-database';
import type { ServerDb } from '../db/schema.ts';

/** The last seq handed out: the cursor at which the current state is complete. */
export async function findCurrentSeq(db: ReadDb<ServerDb>): Promise<number> {
  const row = await db.selectFrom('change_seq').select('value').where('id', '=', 1).executeTakeFirstOrThrow();
  return row.value;
}

/**
 * Reserves `count` consecutive seqs inside the writer's transaction and returns the first. One connection
 * and BEGIN IMMEDIATE mean seqs are handed out in commit order, so a pull never skips a later-committed row.
 */
export async function reserveSeqs(trx: Transaction<ServerDb>, count: number): Promise<number> {
  const row = await trx
    .updateTable('change_seq')
    .set((eb) => ({ value: eb('value', '+', count) }))
    .where('id', '=', 1)
    .returning('value')
    .executeTakeFirstOrThrow();
  return row.value - count + 1;
}
