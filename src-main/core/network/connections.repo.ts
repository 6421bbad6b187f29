import type { Transaction } from 'kysely';
import type { Connection, SharedConnection } from '#shared/domain/connection';
import { fromConnectionColumns, toConnectionColumns } from '#shared/node/connection-columns';
import { chunk, type ReadDb, type WriteDb } from '#shared/node/open-database';
import type { LocalDb } from '../store/local-db.ts';
import { deleteAllNotes } from '../notes/notes.repo.ts';
import { deleteState } from '../store/local-state.repo.ts';
import { bulkUpsert } from '#shared/node/bulk-insert';
import { foldConnection } from './connection-fold.ts';
import { listPendingWrites } from '../sync/outbox.repo.ts';

/** Well under SQLite's limit of bound parameters per statement. */
const IDS_PER_STATEMENT = 10_000;

/** The connection the UI shows (server version plus pending writes), or null. */
export async function findConnection(db: ReadDb<LocalDb>, personId: string): Promise<Connection | null> {
  const row = await db
    .selectFrom('connections')
    .selectAll()
    .where('person_id', '=', personId)
    .executeTakeFirst();
  return row ? fromConnectionColumns(row) : null;
}

export async function upsertSyncedConnections(
  db: WriteDb<LocalDb>,
  entries: readonly { connection: Connection; seq: number }[],
) {
  for (const { connection, seq } of entries)
    await bulkUpsert(db, 'connections_synced', ['person_id'], [{ ...toConnectionColumns(connection), seq }]);
}

export async function deleteSyncedConnections(db: WriteDb<LocalDb>, personIds: readonly string[]) {
  for (const part of chunk(personIds, IDS_PER_STATEMENT)) {
    await db.deleteFrom('connections_synced').where('person_id', 'in', part).execute();
  }
}

export async function upsertSharedConnections(
  db: WriteDb<LocalDb>,
  entries: readonly { shared: SharedConnection; seq: number }[],
) {
  for (const { shared, seq } of entries) {
    const row = {
      owner_id: shared.ownerId,
      person_id: shared.personId,
      kinds: JSON.stringify(shared.kinds),
      strength: shared.strength,
      seq,
    };
    await bulkUpsert(db, 'shared_connections', ['owner_id', 'person_id'], [row]);
  }
}

export async function deleteSharedConnections(
  db: WriteDb<LocalDb>,
  keys: readonly { ownerId: string; personId: string }[],
) {
  for (const { ownerId, personId } of keys) {
    await db
      .deleteFrom('shared_connections')
      .where('owner_id', '=', ownerId)
      .where('person_id', '=', personId)
      .execute();
  }
}

/**
 * Rebuilds the UI's rows of these people as fold(server version, pending writes in order): a pulled change
 * never overwrites a pending local edit, and a write dropped from the outbox disappears. Omit the ids to
 * rebuild every row (after a snapshot).
 */
export async function recomputeConnections(trx: Transaction<LocalDb>, personIds?: readonly string[]) {
  const ids = personIds ? [...new Set(personIds)] : await listAllConnectionIds(trx);
  for (const part of chunk(ids, IDS_PER_STATEMENT)) {
    const synced = await trx
      .selectFrom('connections_synced')
      .selectAll()
      .where('person_id', 'in', part)
      .execute();
    const syncedById = new Map(synced.map((row) => [row.person_id, fromConnectionColumns(row)]));
    const pending = await listPendingWrites(trx, part);
    await trx.deleteFrom('connections').where('person_id', 'in', part).execute();
    for (const personId of part) {
      const folded = foldConnection(personId, syncedById.get(personId) ?? null, pending.get(personId) ?? []);
      if (folded) await trx.insertInto('connections').values(toConnectionColumns(folded)).execute();
    }
  }
}

async function listAllConnectionIds(db: ReadDb<LocalDb>): Promise<string[]> {
  const rows = await db
    .selectFrom('connections_synced')
    .select('person_id')
    .union(
      db
        .selectFrom('outbox')
        .select('person_id')
        .where('note_id', 'is', null)
        .where('type', 'like', 'connection.%'),
    )
    .union(db.selectFrom('connections').select('person_id'))
    .execute();
  return rows.map((r) => r.person_id);
}

/**
 * Keeps the server's personal data but marks it for the next snapshot to rewrite or drop (a cursor reset;
 * -1 is below any cursor): what the UI shows stays until that snapshot completes.
 */
export async function markSyncedConnectionsStale(db: WriteDb<LocalDb>) {
  await db.updateTable('connections_synced').set({ seq: -1 }).execute();
  await db.updateTable('shared_connections').set({ seq: -1 }).execute();
}

/** Forgets the server's personal data; pending writes and what the UI shows stay. */
export async function clearSyncedConnections(db: WriteDb<LocalDb>) {
  await db.deleteFrom('connections_synced').execute();
  await db.deleteFrom('shared_connections').execute();
}

/**
 * Forgets every personal row, pending writes included: another account signs in, or this one signs out.
 * The client id goes too: the server ties one to the first account that pushes with it. Mutation ids
 * keep counting up.
 */
export async function clearPersonalData(db: WriteDb<LocalDb>) {
  await clearSyncedConnections(db);
  await db.deleteFrom('connections').execute();
  await db.deleteFrom('outbox').execute();
  await db.deleteFrom('rejected_writes').execute();
  await deleteAllNotes(db);
  // Where the graph put each node says whom this person knows.
  await db.deleteFrom('graph_layout').execute();
  await db.deleteFrom('notified_items').execute(); // which posts this person was told about
  await deleteState(db, 'clientId', 'notesKeyOnServer');
}
