import type { Transaction } from 'kysely';
import { chunk } from '#shared/node/open-database';
import type { ServerDb } from '../db/schema.ts';

/**
 * Deactivates live people inside the caller's transaction: active = 0, each with its own seq from
 * `firstSeq` on (reserved by the caller), so apps show them as inactive at the next pull; and ends what
 * signs them in (their bearer tokens). The one place a directory deactivation happens: the import's
 * --deactivate-missing calls it, and whatever else must happen to someone who left belongs here.
 */
export async function deactivatePeople(
  trx: Transaction<ServerDb>,
  personIds: readonly string[],
  firstSeq: number,
): Promise<void> {
  for (const [i, id] of personIds.entries()) {
    await trx
      .updateTable('people')
      .set({ active: 0, seq: firstSeq + i })
      .where('id', '=', id)
      .where('deleted', '=', 0)
      .execute();
  }
  for (const ids of chunk(personIds, 10_000)) {
    await trx.deleteFrom('tokens').where('person_id', 'in', ids).execute();
  }
}
