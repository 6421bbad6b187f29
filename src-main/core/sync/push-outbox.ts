import type { Kysely } from 'kysely';
import type { RejectedWrite } from '#shared/domain/network';
import { PUSH_BATCH_MAX, type MutationResult } from '#shared/wire/push';
import { recomputeConnections } from '../network/connections.repo.ts';
import { deleteFromOutbox, ensureClientId, listOutbox, toMutation } from '../network/outbox.repo.ts';
import { insertRejectedWrite } from '../network/rejected-writes.repo.ts';
import type { LocalDb, OutboxTable } from '../store/local-db.ts';
import { ServerError, type ServerClient } from './server-client.ts';

export interface PushOutcome {
  /** Mutations the server acknowledged (applied now or by an earlier, retried push). */
  acknowledged: number;
  rejected: RejectedWrite[];
}

async function describeWrite(db: Kysely<LocalDb>, row: OutboxTable) {
  const person = await db
    .selectFrom('people')
    .select('name')
    .where('id', '=', row.person_id)
    .executeTakeFirst();
  const name = person?.name ?? row.person_id;
  return row.type === 'connection.delete'
    ? `Removing the connection with ${name}`
    : `Connection with ${name}`;
}

/**
 * Settles one pushed batch in one transaction: acknowledged writes leave the outbox; a rejected one leaves
 * it too, is recorded for the user, and its person's row is rebuilt without it (the local rollback).
 */
export async function applyPushResults(
  db: Kysely<LocalDb>,
  batch: readonly OutboxTable[],
  results: readonly MutationResult[],
  now: number,
): Promise<PushOutcome> {
  const byId = new Map(batch.map((row) => [row.mutation_id, row]));
  const acknowledged: number[] = [];
  const rejectedRows: { row: OutboxTable; reason: string }[] = [];
  for (const result of results) {
    const row = byId.get(result.mutationId);
    if (!row) continue; // not ours to settle: an answer to a mutation we did not send in this batch
    if (result.status === 'rejected')
      rejectedRows.push({ row, reason: result.reason ?? 'Refused by the server' });
    else acknowledged.push(row.mutation_id);
  }
  const rejected: RejectedWrite[] = [];
  for (const { row, reason } of rejectedRows) {
    rejected.push({
      mutationId: row.mutation_id,
      description: await describeWrite(db, row),
      reason,
      at: now,
    });
  }
  await db.transaction().execute(async (trx) => {
    await deleteFromOutbox(
      trx,
      rejected.map((r) => r.mutationId),
    );
    for (const write of rejected) await insertRejectedWrite(trx, write);
    // Rebuilt before the acknowledged writes leave: until the next pull brings them back as the server's
    // version, they still show on top of the old one.
    await recomputeConnections(
      trx,
      rejectedRows.map((r) => r.row.person_id),
    );
    await deleteFromOutbox(trx, acknowledged);
  });
  return { acknowledged: acknowledged.length, rejected };
}

/**
 * Pushes the outbox in mutation-id order, PUSH_BATCH_MAX at a time, until it is empty. A failed request throws (the outbox stays as it was) and the caller retries later.
 */
export async function pushOutbox(
  db: Kysely<LocalDb>,
  client: ServerClient,
  { now, onRejected }: { now: () => number; onRejected: (write: RejectedWrite) => void },
): Promise<PushOutcome> {
  const total: PushOutcome = { acknowledged: 0, rejected: [] };
  for (;;) {
    const batch = await listOutbox(db, PUSH_BATCH_MAX);
    if (batch.length === 0) return total;
    const clientId = await ensureClientId(db);
    const response = await client.push({ clientId, mutations: batch.map(toMutation) });
    const outcome = await applyPushResults(db, batch, response.results, now());
    total.acknowledged += outcome.acknowledged;
    total.rejected.push(...outcome.rejected);
    for (const write of outcome.rejected) onRejected(write);
    if (outcome.acknowledged + outcome.rejected.length === 0) {
      throw new ServerError('protocol', `The server settled none of ${batch.length} queued writes`);
    }
  }
}
