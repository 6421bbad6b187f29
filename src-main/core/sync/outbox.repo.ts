import { randomBytes } from 'node:crypto';
import { sql, type Transaction } from 'kysely';
import { z } from 'zod';
import { ConnectionFields } from '#shared/domain/connection';
import type { ReadDb, WriteDb } from '#shared/node/open-database';
import { NoteCiphertext, NoteRevision } from '#shared/wire/notes';
import { Mutation, type CommunityMutation } from '#shared/wire/push';
import type { LocalDb, OutboxTable } from '../store/local-db.ts';
import { readState, writeState } from '../store/local-state.repo.ts';
import type { PendingConnectionWrite } from '../network/connection-fold.ts';

type WithoutId<M> = M extends Mutation ? Omit<M, 'mutationId'> : never;
/** A local write before it is queued: the outbox gives it its mutation id. */
export type NewMutation = WithoutId<Mutation>;
export type NewConnectionMutation = Extract<NewMutation, { type: 'connection.put' | 'connection.delete' }>;
export type NewNoteMutation = Extract<NewMutation, { type: 'note.put' | 'note.delete' }>;
export type NewCommunityMutation = WithoutId<CommunityMutation>;

const PutPayload = z.object({ patch: ConnectionFields.partial() });
const NotePutPayload = z.object({ baseRev: NoteRevision, ciphertext: NoteCiphertext });
const NoteDeletePayload = z.object({ baseRev: NoteRevision });

/**
 * A write to queue and what it is filed under (the outbox's columns besides its type and payload): a
 * connection under its person; a note under its id and the person it is about; a community write under its
 * author and the key of the row it is about (primaryKeyOf in community-mutation.ts).
 */
export type OutboxWrite =
  | { mutation: NewConnectionMutation }
  | { mutation: NewNoteMutation; personId: string }
  | { mutation: NewCommunityMutation; actorId: string; entityKey: string };

/** This installation's client id, created the first time it is needed. */
export async function ensureClientId(trx: WriteDb<LocalDb>): Promise<string> {
  const existing = await readState(trx, 'clientId');
  if (existing) return existing;
  const clientId = randomBytes(16).toString('base64url');
  await writeState(trx, 'clientId', clientId);
  return clientId;
}

async function nextMutationId(trx: Transaction<LocalDb>) {
  await ensureClientId(trx);
  const mutationId = ((await readState(trx, 'lastMutationId')) ?? 0) + 1;
  await writeState(trx, 'lastMutationId', mutationId);
  return mutationId;
}

/** A write's outbox columns: an id it is filed under leaves the payload (toMutation reads it back from its column). */
function toOutboxColumns(write: OutboxWrite): Omit<OutboxTable, 'mutation_id' | 'created_at'> {
  if ('entityKey' in write) {
    const { type, ...payload } = write.mutation;
    return {
      type,
      person_id: write.actorId,
      note_id: null,
      entity_key: write.entityKey,
      payload: JSON.stringify(payload),
    };
  }
  if ('personId' in write) {
    const { type, noteId, ...payload } = write.mutation;
    return {
      type,
      person_id: write.personId,
      note_id: noteId,
      entity_key: null,
      payload: JSON.stringify(payload),
    };
  }
  const { type, personId, ...payload } = write.mutation;
  return { type, person_id: personId, note_id: null, entity_key: null, payload: JSON.stringify(payload) };
}

/** Queues a local write of any entity under the next mutation id, in the caller's transaction. */
export async function appendToOutbox(trx: Transaction<LocalDb>, write: OutboxWrite, now: number) {
  const mutationId = await nextMutationId(trx);
  await trx
    .insertInto('outbox')
    .values({ mutation_id: mutationId, ...toOutboxColumns(write), created_at: now })
    .execute();
  return mutationId;
}

const CONNECTION_TYPES = ['connection.put', 'connection.delete'];

/** The entities whose writes the outbox queues; push-outbox.ts has a handler for each. */
export const OUTBOX_KINDS = ['connection', 'note', 'community'] as const;
export type OutboxKind = (typeof OUTBOX_KINDS)[number];

/** A community write (by its type: rows queued before entity_key existed have none of them). */
const isCommunityWrite = (row: Pick<OutboxTable, 'type'>) =>
  row.type.startsWith('community') || row.type.startsWith('membership.') || row.type.startsWith('post.');

/** Which entity a queued write is about. */
export function outboxKind(row: Pick<OutboxTable, 'type' | 'note_id' | 'mutation_id'>): OutboxKind {
  if (isCommunityWrite(row)) return 'community';
  if (row.note_id !== null) return 'note';
  if (CONNECTION_TYPES.includes(row.type)) return 'connection';
  // A kind this version does not know must not be pushed, described or rolled back as something else.
  throw new Error(`Outbox row ${row.mutation_id} has an unknown type: ${row.type}`);
}
const isCommunityMutation = (m: Mutation): m is CommunityMutation => isCommunityWrite(m);

export function toCommunityMutation(row: OutboxTable): CommunityMutation {
  const payload: unknown = JSON.parse(row.payload);
  const mutation = Mutation.parse({ ...(payload as object), type: row.type, mutationId: row.mutation_id });
  if (!isCommunityMutation(mutation))
    throw new Error(`Outbox row ${row.mutation_id} is not a community write`);
  return mutation;
}

/** A queued community write: what it does, who wrote it and when (its local time). */
export interface PendingCommunityWrite {
  mutation: CommunityMutation;
  actorId: string;
  at: number;
  entityKey: string;
}

/** Every queued community write, in mutation-id order (a pull replays them on top of what it brought). */
export async function listPendingCommunityWrites(db: ReadDb<LocalDb>): Promise<PendingCommunityWrite[]> {
  const rows = await db
    .selectFrom('outbox')
    .selectAll()
    .where('entity_key', 'is not', null)
    .orderBy('mutation_id')
    .execute();
  return rows.map((row) => ({
    mutation: toCommunityMutation(row),
    actorId: row.person_id,
    at: row.created_at,
    entityKey: row.entity_key ?? '',
  }));
}

export function toMutation(row: OutboxTable): Mutation {
  if (isCommunityWrite(row)) return toCommunityMutation(row);
  if (row.note_id !== null) {
    const noteId = row.note_id;
    if (row.type === 'note.delete') {
      const { baseRev } = NoteDeletePayload.parse(JSON.parse(row.payload));
      return { type: 'note.delete', mutationId: row.mutation_id, noteId, baseRev };
    }
    const { baseRev, ciphertext } = NotePutPayload.parse(JSON.parse(row.payload));
    return { type: 'note.put', mutationId: row.mutation_id, noteId, baseRev, ciphertext };
  }
  // What is left is a connection write: outboxKind refuses a type this version does not know.
  if (outboxKind(row) === 'connection' && row.type === 'connection.delete')
    return { type: 'connection.delete', mutationId: row.mutation_id, personId: row.person_id };
  const { patch } = PutPayload.parse(JSON.parse(row.payload));
  return { type: 'connection.put', mutationId: row.mutation_id, personId: row.person_id, patch };
}

function toPendingWrite(row: OutboxTable): PendingConnectionWrite {
  const mutation = toMutation(row);
  return mutation.type === 'connection.put'
    ? { type: mutation.type, patch: mutation.patch, createdAt: row.created_at }
    : { type: 'connection.delete', createdAt: row.created_at };
}

/** The oldest queued writes, in mutation-id order. */
export function listOutbox(db: ReadDb<LocalDb>, limit: number) {
  return db.selectFrom('outbox').selectAll().orderBy('mutation_id').limit(limit).execute();
}

/** A mutation's bytes in a push body beyond its stored payload (type, ids, punctuation), with room to spare. */
const MUTATION_OVERHEAD_BYTES = 256;

/**
 * The oldest queued writes, in mutation-id order, as many as fit in one push: at most `maxCount`, and their
 * JSON at most `maxBytes` (always at least one write, so a big note still travels on its own). Sizes are
 * read first (octet_length reads a row's header, not its overflow pages), so a batch of large notes is never
 * loaded only to be cut.
 */
export async function listOutboxBatch(
  db: ReadDb<LocalDb>,
  { maxCount, maxBytes }: { maxCount: number; maxBytes: number },
) {
  const sizes = await db
    .selectFrom('outbox')
    .select(['mutation_id', sql<number>`octet_length(payload)`.as('bytes')])
    .orderBy('mutation_id')
    .limit(maxCount)
    .execute();
  const ids: number[] = [];
  let total = 0;
  for (const { mutation_id, bytes } of sizes) {
    total += Number(bytes) + MUTATION_OVERHEAD_BYTES;
    if (ids.length > 0 && total > maxBytes) break;
    ids.push(mutation_id);
  }
  if (ids.length === 0) return [];
  return db.selectFrom('outbox').selectAll().where('mutation_id', 'in', ids).orderBy('mutation_id').execute();
}

/** Each person's pending connection writes, in mutation-id order. */
export async function listPendingWrites(db: ReadDb<LocalDb>, personIds: readonly string[]) {
  const out = new Map<string, PendingConnectionWrite[]>();
  if (personIds.length === 0) return out;
  const rows = await db
    .selectFrom('outbox')
    .selectAll()
    .where('person_id', 'in', personIds)
    .where('note_id', 'is', null)
    .where('type', 'in', CONNECTION_TYPES)
    .orderBy('mutation_id')
    .execute();
  for (const row of rows) {
    const list = out.get(row.person_id) ?? [];
    list.push(toPendingWrite(row));
    out.set(row.person_id, list);
  }
  return out;
}

export async function deleteFromOutbox(db: WriteDb<LocalDb>, mutationIds: readonly number[]) {
  if (mutationIds.length) await db.deleteFrom('outbox').where('mutation_id', 'in', mutationIds).execute();
}

export async function countOutbox(db: ReadDb<LocalDb>) {
  const row = await db
    .selectFrom('outbox')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
