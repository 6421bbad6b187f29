import type { Kysely } from 'kysely';
import type { RejectedWrite } from '#shared/domain/network';
import { PUSH_BATCH_MAX, PUSH_BODY_MAX_BYTES, type MutationResult } from '#shared/wire/push';
import { rollBackCommunityWrites } from '../communities/apply-community-changes.ts';
import { describeCommunityWrite } from '../communities/describe-community-write.ts';
import { recomputeConnections } from '../network/connections.repo.ts';
import {
  deleteFromOutbox,
  ensureClientId,
  isCommunityWrite,
  listOutboxBatch,
  toCommunityMutation,
  toMutation,
} from './outbox.repo.ts';
import { insertRejectedWrite } from './rejected-writes.repo.ts';
import type { NoteCipherContext } from '../notes/note-cipher.ts';
import { settleNoteWrites, type SettledNoteWrite } from '../notes/note-push-results.ts';
import type { LocalDb, OutboxTable } from '../store/local-db.ts';
import { ServerError, type ServerClient } from './server-client.ts';

export interface PushOutcome {
  /** Mutations the server acknowledged (applied now or by an earlier, retried push). */
  acknowledged: number;
  rejected: RejectedWrite[];
  /** Notes changed locally: conflict copies made, or rejected writes rolled back. */
  notesChanged: number;
  /** Community writes rolled back. */
  communitiesChanged: number;
}

/** Room in a push body for what surrounds the mutations (client id, brackets). */
const ENVELOPE_BYTES = 1024;

async function describeWrite(db: Kysely<LocalDb>, row: OutboxTable) {
  if (isCommunityWrite(row)) return describeCommunityWrite(db, toCommunityMutation(row));
  const person = await db
    .selectFrom('people')
    .select('name')
    .where('id', '=', row.person_id)
    .executeTakeFirst();
  const name = person?.name ?? row.person_id;
  if (row.note_id !== null)
    return row.type === 'note.delete' ? `Deleting a note about ${name}` : `Note about ${name}`;
  return row.type === 'connection.delete'
    ? `Removing the connection with ${name}`
    : `Connection with ${name}`;
}

/**
 * Settles one pushed batch in one transaction: acknowledged writes leave the outbox; a rejected one leaves
 * it too, is recorded for the user, and its person's row (or its note) is rebuilt without it (the local
 * rollback); a note write in conflict becomes a conflict copy (settleNoteWrites).
 */
export async function applyPushResults(
  db: Kysely<LocalDb>,
  batch: readonly OutboxTable[],
  results: readonly MutationResult[],
  now: number,
  cipher: NoteCipherContext | null = null,
): Promise<PushOutcome> {
  const byId = new Map(batch.map((row) => [row.mutation_id, row]));
  const acknowledged: number[] = [];
  const rejectedRows: { row: OutboxTable; reason: string }[] = [];
  const noteWrites: SettledNoteWrite[] = [];
  for (const result of results) {
    const row = byId.get(result.mutationId);
    if (!row) continue; // not ours to settle: an answer to a mutation we did not send in this batch
    if (row.note_id !== null) noteWrites.push({ row, status: result.status });
    if (result.status === 'rejected')
      rejectedRows.push({ row, reason: result.reason ?? 'Refused by the server' });
    else if (result.status !== 'conflict') acknowledged.push(row.mutation_id);
  }
  const communityRows = rejectedRows
    .filter((r) => isCommunityWrite(r.row))
    .map((r) => ({ mutation: toCommunityMutation(r.row), actorId: r.row.person_id }));
  const rejected: RejectedWrite[] = [];
  for (const { row, reason } of rejectedRows) {
    rejected.push({
      mutationId: row.mutation_id,
      description: await describeWrite(db, row),
      reason,
      at: now,
    });
  }
  const notesChanged = await db.transaction().execute(async (trx) => {
    await deleteFromOutbox(
      trx,
      rejected.map((r) => r.mutationId),
    );
    for (const write of rejected) await insertRejectedWrite(trx, write);
    // Rebuilt before the acknowledged writes leave: until the next pull brings them back as the server's
    // version, they still show on top of the old one.
    await recomputeConnections(
      trx,
      rejectedRows
        .filter((r) => r.row.note_id === null && !isCommunityWrite(r.row))
        .map((r) => r.row.person_id),
    );
    await rollBackCommunityWrites(trx, communityRows);
    await deleteFromOutbox(trx, acknowledged);
    return noteWrites.length ? settleNoteWrites(trx, cipher, noteWrites, now) : 0;
  });
  const conflicts = noteWrites.filter((w) => w.status === 'conflict').length;
  return {
    acknowledged: acknowledged.length + conflicts,
    rejected,
    notesChanged,
    communitiesChanged: communityRows.length,
  };
}

/**
 * Pushes the outbox in mutation-id order until it is empty, in batches of at most PUSH_BATCH_MAX writes and
 * PUSH_BODY_MAX_BYTES of JSON (big notes travel a few at a time). A failed request throws (the outbox
 * stays as it was) and the caller retries later.
 */
export async function pushOutbox(
  db: Kysely<LocalDb>,
  client: ServerClient,
  {
    now,
    onRejected,
    cipher = async () => null,
  }: {
    now: () => number;
    onRejected: (write: RejectedWrite) => void;
    /** The notes key, to encrypt the conflict copies a push may create. */
    cipher?: () => Promise<NoteCipherContext | null>;
  },
): Promise<PushOutcome> {
  const total: PushOutcome = { acknowledged: 0, rejected: [], notesChanged: 0, communitiesChanged: 0 };
  for (;;) {
    const batch = await listOutboxBatch(db, {
      maxCount: PUSH_BATCH_MAX,
      maxBytes: PUSH_BODY_MAX_BYTES - ENVELOPE_BYTES,
    });
    if (batch.length === 0) return total;
    const clientId = await ensureClientId(db);
    const response = await client.push({ clientId, mutations: batch.map(toMutation) });
    const outcome = await applyPushResults(db, batch, response.results, now(), await cipher());
    total.acknowledged += outcome.acknowledged;
    total.notesChanged += outcome.notesChanged;
    total.communitiesChanged += outcome.communitiesChanged;
    total.rejected.push(...outcome.rejected);
    for (const write of outcome.rejected) onRejected(write);
    if (outcome.acknowledged + outcome.rejected.length === 0) {
      throw new ServerError('protocol', `The server settled none of ${batch.length} queued writes`);
    }
  }
}
