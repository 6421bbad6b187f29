import type { Transaction } from 'kysely';
import type { ServerDb } from '../db/schema.ts';
import { applyDeactivation } from '../repos/directory-people.repo.ts';

/**
 * Deactivates live people inside the caller's transaction: active = 0, each with its own seq from
 * `firstSeq` on (reserved by the caller), so apps show them as inactive at the next pull; and ends what
 * signs them in (applyDeactivation, shared with SCIM's active: false: their sessions are revoked). The
 * import's --deactivate-missing calls it.
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
  for (const id of personIds) await applyDeactivation(trx, id);
}
