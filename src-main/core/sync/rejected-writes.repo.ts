import type { RejectedWrite } from '#shared/domain/network';
import type { ReadDb, WriteDb } from '#shared/node/open-database';
import type { LocalDb } from '../store/local-db.ts';

export async function insertRejectedWrite(db: WriteDb<LocalDb>, write: RejectedWrite) {
  await db
    .insertInto('rejected_writes')
    .values({
      mutation_id: write.mutationId,
      description: write.description,
      reason: write.reason,
      at: write.at,
    })
    .onConflict((oc) => oc.column('mutation_id').doNothing())
    .execute();
}

/** Newest first. */
export async function listRejectedWrites(db: ReadDb<LocalDb>): Promise<RejectedWrite[]> {
  const rows = await db
    .selectFrom('rejected_writes')
    .selectAll()
    .orderBy('at', 'desc')
    .orderBy('mutation_id', 'desc')
    .execute();
  return rows.map((r) => ({
    mutationId: r.mutation_id,
    description: r.description,
    reason: r.reason,
    at: r.at,
  }));
}

export async function deleteRejectedWrite(db: WriteDb<LocalDb>, mutationId: number) {
  await db.deleteFrom('rejected_writes').where('mutation_id', '=', mutationId).execute();
}
