import type { Kysely } from 'kysely';
import {
  NEW_CONNECTION,
  type Connection,
  type ConnectionFields,
  type SharedConnection,
} from '#shared/domain/connection';
import type { ReadDb } from '#shared/node/open-database';
import { bulkUpsert } from '#shared/node/bulk-insert';
import type { ConnectionsTable, ServerDb } from '../db/schema.ts';
import { inTransaction } from '../db/in-transaction.ts';
import { reserveSeqs } from './change-seq.repo.ts';
import {
  CONNECTION_COLUMNS,
  fromConnectionColumns,
  toConnectionFieldColumns,
} from '#shared/node/connection-columns';
import { toSharedConnection } from './connection-row.ts';
import { countRows, keptAfter } from './snapshot-rows.ts';

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

/** A write of the owner's: a patch of some fields, or a removal. */
export type ConnectionEdit = { personId: string } & ({ patch: Partial<ConnectionFields> } | { remove: true });

/**
 * Applies an owner's edits in order, in the caller's transaction or a new one: the rows they touch are
 * read in one query, each changed connection gets one new seq, and all are written in one statement.
 * A patch changes only its fields (onto NEW_CONNECTION when there is no live row), so edits of different
 * fields from different devices all survive. Removing what isn't there changes nothing and takes no seq.
 */
export async function writeConnections(
  db: Kysely<ServerDb>,
  ownerId: string,
  edits: readonly ConnectionEdit[],
  now: number,
): Promise<void> {
  if (edits.length === 0) return;
  await inTransaction(db, async (trx) => {
    const personIds = [...new Set(edits.map((e) => e.personId))];
    const rows = new Map<string, ConnectionsTable>();
    for (let i = 0; i < personIds.length; i += 10_000) {
      const found = await trx
        .selectFrom('connections')
        .selectAll()
        .where('owner_id', '=', ownerId)
        .where('person_id', 'in', personIds.slice(i, i + 10_000))
        .execute();
      for (const row of found) rows.set(row.person_id, row);
    }
    const changed = new Map<string, ConnectionsTable>();
    for (const edit of edits) {
      const current = changed.get(edit.personId) ?? rows.get(edit.personId);
      const live = current?.deleted === 0 ? current : undefined;
      if ('remove' in edit) {
        if (!live) continue;
        changed.set(edit.personId, { ...live, deleted: 1, updated_at: now });
      } else {
        const base: ConnectionFields = live ? fromConnectionColumns(live) : NEW_CONNECTION;
        const fields: ConnectionFields = { ...base, ...definedFields(edit.patch) };
        changed.set(edit.personId, {
          owner_id: ownerId,
          person_id: edit.personId,
          ...toConnectionFieldColumns(fields),
          updated_at: now,
          deleted: 0,
          seq: current?.seq ?? 0,
          unshared_seq: current?.unshared_seq ?? null,
        });
      }
    }
    if (changed.size === 0) return;
    const firstSeq = await reserveSeqs(trx, changed.size);
    const written = [...changed.values()].map((row, i): ConnectionsTable => {
      const seq = firstSeq + i;
      const old = rows.get(row.person_id);
      const wasShared = old?.deleted === 0 && old.visibility === 'shared';
      const isShared = row.deleted === 0 && row.visibility === 'shared';
      return { ...row, seq, unshared_seq: wasShared && !isShared ? seq : row.unshared_seq };
    });
    await bulkUpsert(trx, 'connections', ['owner_id', 'person_id'], written);
  });
}

/** Applies a patch onto the owner's connection (see writeConnections) and returns it. */
export async function patchConnection(
  db: Kysely<ServerDb>,
  { ownerId, personId }: ConnectionKey,
  patch: Partial<ConnectionFields>,
  now: number,
): Promise<Connection> {
  return inTransaction(db, async (trx) => {
    await writeConnections(trx, ownerId, [{ personId, patch }], now);
    const connection = await findConnection(trx, { ownerId, personId });
    if (!connection) throw new Error(`The connection to ${personId} just written is missing`);
    return connection;
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
  return db
    .selectFrom('connections')
    .where('owner_id', '=', viewerId)
    .where('deleted', '=', 0)
    .where('seq', '<=', cursor)
    .$call(keptAfter(['person_id'], after));
}

/** How many of the viewer's own live connections the snapshot holds (after a person id, when resuming). */
export async function countOwnSnapshot(
  db: ReadDb<ServerDb>,
  range: ConnectionSnapshotRange & { after?: string | undefined },
): Promise<number> {
  return countRows(ownSnapshot(db, range, range.after));
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
  return db
    .selectFrom('connections')
    .where('owner_id', '!=', viewerId)
    .where('visibility', '=', 'shared')
    .where('deleted', '=', 0)
    .where('seq', '<=', cursor)
    .$call(keptAfter(['owner_id', 'person_id'], after && [after.ownerId, after.personId]));
}

/** How many of others' live shared connections the snapshot holds (after a key, when resuming). */
export async function countSharedSnapshot(
  db: ReadDb<ServerDb>,
  range: ConnectionSnapshotRange & { after?: ConnectionKey | undefined },
): Promise<number> {
  return countRows(sharedSnapshot(db, range, range.after));
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
