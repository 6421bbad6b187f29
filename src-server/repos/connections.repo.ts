import type { Kysely } from 'kysely';
import {
  NEW_CONNECTION,
  type Connection,
  type ConnectionFields,
  type SharedConnection,
} from '#shared/domain/connection';
import type { ReadDb } from '#shared/node/open-database';
import type { ServerDb } from '../db/schema.ts';
import { inTransaction } from '../db/in-transaction.ts';
import { reserveSeqs } from './change-seq.repo.ts';
import {
  CONNECTION_COLUMNS,
  fromConnectionColumns,
  toConnectionFieldColumns,
  toSharedConnection,
} from './connection-row.ts';

export interface ConnectionKey {
  ownerId: string;
  personId: string;
}

/** The owner's live connection to a person, or undefined (none, or a tombstone). */
export async function findConnection(
  db: ReadDb<ServerDb>,
  { ownerId, personId }: ConnectionKey,
): Promise<Connection | undefined> {
  const row = await db
    .selectFrom('connections')
    .select(CONNECTION_COLUMNS)
    .where('owner_id', '=', ownerId)
    .where('person_id', '=', personId)
    .where('deleted', '=', 0)
    .executeTakeFirst();
  return row && fromConnectionColumns(row);
}

/** The whole row, tombstones included: what a write builds on. */
function findConnectionRow(db: ReadDb<ServerDb>, { ownerId, personId }: ConnectionKey) {
  return db
    .selectFrom('connections')
    .selectAll()
    .where('owner_id', '=', ownerId)
    .where('person_id', '=', personId)
    .executeTakeFirst();
}

/**
 * Applies a patch onto the owner's connection (or onto NEW_CONNECTION when there is none, or a tombstone):
 * only the patched fields change, so edits of different fields from different devices all survive.
 * The row gets a new seq and updated_at = now.
 */
export async function patchConnection(
  db: Kysely<ServerDb>,
  key: ConnectionKey,
  patch: Partial<ConnectionFields>,
  now: number,
): Promise<Connection> {
  return inTransaction(db, async (trx) => {
    const existing = await findConnectionRow(trx, key);
    const live = existing?.deleted === 0 ? existing : undefined;
    const base: ConnectionFields = live ? fromConnectionColumns(live) : NEW_CONNECTION;
    const fields: ConnectionFields = { ...base, ...definedFields(patch) };
    const seq = await reserveSeqs(trx, 1);
    const wasShared = live?.visibility === 'shared';
    const row = {
      owner_id: key.ownerId,
      person_id: key.personId,
      ...toConnectionFieldColumns(fields),
      updated_at: now,
      deleted: 0,
      seq,
      unshared_seq: wasShared && fields.visibility !== 'shared' ? seq : (existing?.unshared_seq ?? null),
    };
    await trx
      .insertInto('connections')
      .values(row)
      .onConflict((oc) => oc.columns(['owner_id', 'person_id']).doUpdateSet(row))
      .execute();
    return fromConnectionColumns(row);
  });
}

/** Tombstones the owner's live connection with a new seq; null (and no seq taken) when there was none. */
export async function deleteConnection(
  db: Kysely<ServerDb>,
  key: ConnectionKey,
  now: number,
): Promise<number | null> {
  return inTransaction(db, async (trx) => {
    const existing = await findConnectionRow(trx, key);
    if (!existing || existing.deleted === 1) return null;
    const seq = await reserveSeqs(trx, 1);
    await trx
      .updateTable('connections')
      .set({
        deleted: 1,
        seq,
        updated_at: now,
        unshared_seq: existing.visibility === 'shared' ? seq : existing.unshared_seq,
      })
      .where('owner_id', '=', key.ownerId)
      .where('person_id', '=', key.personId)
      .execute();
    return seq;
  });
}

/** zod drops absent keys, but a patch built in code may carry `undefined`: it must not erase a field. */
function definedFields(patch: Partial<ConnectionFields>): Partial<ConnectionFields> {
  return Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined));
}

export interface ConnectionSnapshotRange {
  viewerId: string;
  /** Only rows whose last change is at or before this seq. */
  cursor: number;
}

function ownSnapshot(db: ReadDb<ServerDb>, { viewerId, cursor }: ConnectionSnapshotRange, after?: string) {
  let query = db
    .selectFrom('connections')
    .where('owner_id', '=', viewerId)
    .where('deleted', '=', 0)
    .where('seq', '<=', cursor);
  if (after !== undefined) query = query.where('person_id', '>', after);
  return query;
}

/** How many of the viewer's own live connections the snapshot holds (after a person id, when resuming). */
export async function countOwnSnapshot(
  db: ReadDb<ServerDb>,
  range: ConnectionSnapshotRange & { after?: string | undefined },
): Promise<number> {
  const row = await ownSnapshot(db, range, range.after)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return row.n;
}

/** One keyset page of the viewer's own live connections, by person id. */
export async function listOwnSnapshotPage(
  db: ReadDb<ServerDb>,
  range: ConnectionSnapshotRange & { after?: string | undefined; limit: number },
): Promise<Connection[]> {
  const rows = await ownSnapshot(db, range, range.after)
    .select(CONNECTION_COLUMNS)
    .orderBy('person_id')
    .limit(range.limit)
    .execute();
  return rows.map(fromConnectionColumns);
}

function sharedSnapshot(
  db: ReadDb<ServerDb>,
  { viewerId, cursor }: ConnectionSnapshotRange,
  after?: ConnectionKey,
) {
  let query = db
    .selectFrom('connections')
    .where('owner_id', '!=', viewerId)
    .where('visibility', '=', 'shared')
    .where('deleted', '=', 0)
    .where('seq', '<=', cursor);
  if (after !== undefined) {
    query = query.where((eb) =>
      eb(eb.refTuple('owner_id', 'person_id'), '>', eb.tuple(after.ownerId, after.personId)),
    );
  }
  return query;
}

/** How many of others' live shared connections the snapshot holds (after a key, when resuming). */
export async function countSharedSnapshot(
  db: ReadDb<ServerDb>,
  range: ConnectionSnapshotRange & { after?: ConnectionKey | undefined },
): Promise<number> {
  const row = await sharedSnapshot(db, range, range.after)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return row.n;
}

/** One keyset page of others' live shared connections, by (owner id, person id). */
export async function listSharedSnapshotPage(
  db: ReadDb<ServerDb>,
  range: ConnectionSnapshotRange & { after?: ConnectionKey | undefined; limit: number },
): Promise<SharedConnection[]> {
  const rows = await sharedSnapshot(db, range, range.after)
    .select(['owner_id', 'person_id', 'kinds', 'strength'])
    .orderBy('owner_id')
    .orderBy('person_id')
    .limit(range.limit)
    .execute();
  return rows.map(toSharedConnection);
}
