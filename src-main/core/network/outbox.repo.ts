import { randomBytes } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import { z } from 'zod';
import { ConnectionFields } from '#shared/domain/connection';
import type { ReadDb } from '#shared/node/open-database';
import type { Mutation } from '#shared/wire/push';
import type { LocalDb, OutboxTable } from '../store/local-db.ts';
import { readState, writeState } from '../store/local-state.repo.ts';
import type { PendingConnectionWrite } from './connection-fold.ts';

type WriteDb = Kysely<LocalDb> | Transaction<LocalDb>;

/** A mutation before it has an id. */
export type NewMutation = Mutation extends infer M
  ? M extends Mutation
    ? Omit<M, 'mutationId'>
    : never
  : never;

const PutPayload = z.object({ patch: ConnectionFields.partial() });

/** This installation's client id, created the first time it is needed. */
export async function ensureClientId(trx: WriteDb): Promise<string> {
  const existing = await readState(trx, 'clientId');
  if (existing) return existing;
  const clientId = randomBytes(16).toString('base64url');
  await writeState(trx, 'clientId', clientId);
  return clientId;
}

/** Queues a local write under the next mutation id, in the caller's transaction. */
export async function appendToOutbox(trx: Transaction<LocalDb>, mutation: NewMutation, now: number) {
  await ensureClientId(trx);
  const mutationId = ((await readState(trx, 'lastMutationId')) ?? 0) + 1;
  await writeState(trx, 'lastMutationId', mutationId);
  const { type, personId, ...rest } = mutation;
  await trx
    .insertInto('outbox')
    .values({
      mutation_id: mutationId,
      type,
      person_id: personId,
      payload: JSON.stringify(rest),
      created_at: now,
    })
    .execute();
  return mutationId;
}

export function toMutation(row: OutboxTable): Mutation {
  if (row.type === 'connection.delete')
    return { type: 'connection.delete', mutationId: row.mutation_id, personId: row.person_id };
  const { patch } = PutPayload.parse(JSON.parse(row.payload));
  return { type: 'connection.put', mutationId: row.mutation_id, personId: row.person_id, patch };
}

function toPendingWrite(row: OutboxTable): PendingConnectionWrite {
  const mutation = toMutation(row);
  return mutation.type === 'connection.put'
    ? { type: mutation.type, patch: mutation.patch, createdAt: row.created_at }
    : { type: mutation.type, createdAt: row.created_at };
}

/** The oldest queued writes, in mutation-id order. */
export function listOutbox(db: ReadDb<LocalDb>, limit: number) {
  return db.selectFrom('outbox').selectAll().orderBy('mutation_id').limit(limit).execute();
}

/** Each person's pending writes, in mutation-id order. */
export async function listPendingWrites(db: ReadDb<LocalDb>, personIds: readonly string[]) {
  const out = new Map<string, PendingConnectionWrite[]>();
  if (personIds.length === 0) return out;
  const rows = await db
    .selectFrom('outbox')
    .selectAll()
    .where('person_id', 'in', personIds)
    .orderBy('mutation_id')
    .execute();
  for (const row of rows) {
    const list = out.get(row.person_id) ?? [];
    list.push(toPendingWrite(row));
    out.set(row.person_id, list);
  }
  return out;
}

export async function deleteFromOutbox(db: WriteDb, mutationIds: readonly number[]) {
  if (mutationIds.length) await db.deleteFrom('outbox').where('mutation_id', 'in', mutationIds).execute();
}

export async function countOutbox(db: ReadDb<LocalDb>) {
  const row = await db
    .selectFrom('outbox')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
