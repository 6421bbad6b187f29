import type { Kysely } from 'kysely';
import type { RejectedWrite } from '#shared/domain/network';
import { PUSH_BATCH_MAX, PUSH_BODY_MAX_BYTES, type MutationResult } from '#shared/wire/push';
import { communityPush } from '../communities/community-push.ts';
import { connectionPush } from '../network/connection-push.ts';
import type { NoteCipherContext } from '../notes/note-cipher.ts';
import { notePush } from '../notes/note-push.ts';
import type { LocalDb, OutboxTable } from '../store/local-db.ts';
import {
  deleteFromOutbox,
  ensureClientId,
  listOutboxBatch,
  OUTBOX_KINDS,
  outboxKind,
  toMutation,
  type OutboxKind,
} from './outbox.repo.ts';
import type { PushedWrite, PushHandler } from './push-handler.ts';
import { insertRejectedWrite } from './rejected-writes.repo.ts';
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

/** What push does with each entity's writes: each entity declares its own entry. */
const HANDLERS: Record<OutboxKind, PushHandler> = {
  connection: connectionPush,
  note: notePush,
  community: communityPush,
};

/** Room in a push body for what surrounds the mutations (client id, brackets). */
const ENVELOPE_BYTES = 1024;

/** The writes of each entity, in the order given. */
function byKind<T extends { row: OutboxTable }>(items: readonly T[]) {
  const out = new Map<OutboxKind, T[]>();
  for (const item of items) {
    const kind = outboxKind(item.row);
    out.set(kind, [...(out.get(kind) ?? []), item]);
  }
  return out;
}

/**
 * Settles one pushed batch in one transaction: acknowledged writes leave the outbox; a rejected one leaves
 * it too, is recorded for the user, and is undone here by its entity's handler (rollBack); then each entity
 * settles what is left to it (a note write in conflict becomes a conflict copy).
 */
export async function applyPushResults(
  db: Kysely<LocalDb>,
  batch: readonly OutboxTable[],
  results: readonly MutationResult[],
  now: number,
  cipher: NoteCipherContext | null = null,
): Promise<PushOutcome> {
  const byId = new Map(batch.map((row) => [row.mutation_id, row]));
  const pushed: PushedWrite[] = [];
  const acknowledged: number[] = [];
  const rejectedRows: { row: OutboxTable; reason: string }[] = [];
  let conflicts = 0;
  for (const result of results) {
    const row = byId.get(result.mutationId);
    if (!row) continue; // not ours to settle: an answer to a mutation we did not send in this batch
    pushed.push({ row, status: result.status });
    if (result.status === 'rejected')
      rejectedRows.push({ row, reason: result.reason ?? 'Refused by the server' });
    else if (result.status === 'conflict') {
      // Its entity's settle step resolves it (a note's conflict copy); no other entity has conflicts.
      if (HANDLERS[outboxKind(row)].settle) conflicts++;
    } else acknowledged.push(row.mutation_id);
  }
  const rejected: RejectedWrite[] = [];
  for (const { row, reason } of rejectedRows) {
    const description = await HANDLERS[outboxKind(row)].describe(db, row);
    rejected.push({ mutationId: row.mutation_id, description, reason, at: now });
  }
  const changed = await db.transaction().execute(async (trx) => {
    const changed: Record<OutboxKind, number> = { connection: 0, note: 0, community: 0 };
    await deleteFromOutbox(
      trx,
      rejected.map((r) => r.mutationId),
    );
    for (const write of rejected) await insertRejectedWrite(trx, write);
    const rejectedByKind = byKind(rejectedRows);
    for (const kind of OUTBOX_KINDS) {
      const rows = rejectedByKind.get(kind)?.map((r) => r.row);
      const handler = HANDLERS[kind];
      if (rows && handler.rollBack) changed[kind] += await handler.rollBack(trx, rows);
    }
    await deleteFromOutbox(trx, acknowledged);
    const pushedByKind = byKind(pushed);
    for (const kind of OUTBOX_KINDS) {
      const writes = pushedByKind.get(kind);
      const handler = HANDLERS[kind];
      if (writes && handler.settle) changed[kind] += await handler.settle(trx, writes, { cipher, now });
    }
    return changed;
  });
  return {
    acknowledged: acknowledged.length + conflicts,
    rejected,
    notesChanged: changed.note,
    communitiesChanged: changed.community,
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
