import type { Kysely, Transaction } from 'kysely';
import type { Connection, SharedConnection } from '#shared/domain/connection';
import type { Person } from '#shared/domain/person';
import type { SyncedNote } from '#shared/wire/notes';
import type { BootstrapSection, Change, PullPage } from '#shared/wire/sync';
import {
  applyServerRows,
  clearCommunities,
  finishCommunitySnapshot,
  markCommunitiesStale,
  rowChange,
  toServerRowChanges,
} from '../communities/apply-community-changes.ts';
import type { EntityRow } from '../communities/community-mutation.ts';
import {
  clearSyncedConnections,
  deleteSharedConnections,
  deleteSyncedConnections,
  markSyncedConnectionsStale,
  recomputeConnections,
  upsertSharedConnections,
  upsertSyncedConnections,
} from '../network/connections.repo.ts';
import type { NoteCipherContext } from '../notes/note-cipher.ts';
import { deleteNote } from '../notes/notes.repo.ts';
import {
  deleteSyncedNotes,
  dropNotesGoneFromServer,
  keepNotesNewerThanServer,
  listPendingNoteIds,
  markSyncedNotesStale,
  refreshNotesFromServer,
  requeueNotesLostByServer,
  upsertSyncedNotes,
} from '../notes/synced-notes.repo.ts';
import type { LocalDb } from '../store/local-db.ts';
import { deleteState, readState, writeState, type StateKey } from '../store/local-state.repo.ts';
import { clearPeople, deletePeople, markPeopleStale, upsertPeople } from '../store/people.repo.ts';
import { ServerError } from './server-client.ts';

export interface BootstrapProgress {
  dataset: string;
  cursor: number;
  /** The section of the last row applied, and its key there. */
  section: BootstrapSection;
  after: string;
  applied: number;
}

/** Rows of the snapshot, by section, in the order they came. */
export interface SnapshotBatch {
  people: Person[];
  connections: Connection[];
  shared: SharedConnection[];
  /** The user's own notes, as ciphertext. */
  notes: SyncedNote[];
  /** Communities, memberships, posts and the user's community preferences (none when omitted). */
  communities?: EntityRow[];
}

/**
 * Applies one batch of the snapshot and records how far it got, in one transaction: a crash or a cut
 * connection resumes after the last row committed here. Notes are decrypted into what the UI reads when
 * this device has the key (and no local edit of theirs is pending); after a cursor reset, a note whose text
 * here is newer than the restored server's copy keeps it and is queued as an edit instead.
 */
export async function applySnapshotBatch(
  db: Kysely<LocalDb>,
  batch: SnapshotBatch,
  progress: BootstrapProgress,
  {
    fresh,
    cipher = null,
    now = Date.now(),
  }: { fresh: boolean; cipher?: NoteCipherContext | null; now?: number },
) {
  await db.transaction().execute(async (trx) => {
    await upsertPeople(
      trx,
      batch.people.map((person) => ({ person, seq: progress.cursor })),
      { fresh },
    );
    await upsertSyncedConnections(
      trx,
      batch.connections.map((connection) => ({ connection, seq: progress.cursor })),
    );
    await upsertSharedConnections(
      trx,
      batch.shared.map((shared) => ({ shared, seq: progress.cursor })),
    );
    if (batch.notes.length) {
      await upsertSyncedNotes(
        trx,
        batch.notes.map((note) => ({ note, seq: progress.cursor })),
      );
      const shown =
        (await readState(trx, 'serverRestored')) === true
          ? await keepNotesNewerThanServer(trx, cipher, batch.notes, now)
          : batch.notes.map((n) => n.id);
      await refreshNotesFromServer(trx, cipher, shown);
    }
    await applyServerRows(
      trx,
      (batch.communities ?? []).map((row) => rowChange(row, progress.cursor)),
    );
    await writeState(trx, 'bootstrap', progress);
  });
}

/**
 * The snapshot is complete: rows it did not contain are gone from the server (every row it wrote carries
 * its cursor as seq), the UI's connections are rebuilt on it, then incremental pulls from its cursor. After
 * a cursor reset, notes it lacks were lost by the server: they stay here and are queued again (with `cipher`).
 */
export async function finishSnapshot(
  db: Kysely<LocalDb>,
  { dataset, snapshotCursor, cursor }: { dataset: string; snapshotCursor: number; cursor: number },
  now: number,
  cipher: NoteCipherContext | null = null,
) {
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom('people').where('seq', '<', snapshotCursor).execute();
    await trx.deleteFrom('connections_synced').where('seq', '<', snapshotCursor).execute();
    await trx.deleteFrom('shared_connections').where('seq', '<', snapshotCursor).execute();
    if ((await readState(trx, 'serverRestored')) === true)
      await requeueNotesLostByServer(trx, cipher, snapshotCursor, now);
    else await dropNotesGoneFromServer(trx, snapshotCursor);
    await recomputeConnections(trx);
    await finishCommunitySnapshot(trx, snapshotCursor);
    // The snapshot held every private community of the user whole: none is left to fetch.
    await deleteState(trx, 'bootstrap', 'serverRestored', 'communitySnapshotsDue');
    await writeState(trx, 'dataset', dataset);
    await writeState(trx, 'cursor', cursor);
    await writeState(trx, 'lastSyncedAt', now);
  });
}

const isCommunityChange = (c: Change) =>
  c.entity === 'community' ||
  c.entity === 'membership' ||
  c.entity === 'post' ||
  c.entity === 'community_pref';

type OwnChange = Exclude<Change, { entity: 'community' | 'membership' | 'post' | 'community_pref' }>;

function keyOf(change: OwnChange) {
  switch (change.entity) {
    case 'person':
      return `person:${change.op === 'upsert' ? change.value.id : change.id}`;
    case 'connection':
      return `connection:${change.op === 'upsert' ? change.value.personId : change.personId}`;
    case 'shared_connection': {
      const { ownerId, personId } = change.op === 'upsert' ? change.value : change;
      return `shared:${ownerId}/${personId}`;
    }
    case 'note':
      return `note:${change.op === 'upsert' ? change.value.id : change.id}`;
  }
}

export interface PullPageOutcome {
  /** People upserted or deleted. */
  people: number;
  /** Own or shared connections upserted or deleted. */
  connections: number;
  /** Notes whose server version changed (shown here or not). */
  notes: number;
  /** Community rows written or rebuilt. */
  communities: number;
}

/**
 * Applies one pull page and moves the cursor in the same transaction. Within a page the last change of
 * a key wins; a page that was cut off never gets here, so nothing is half-applied. The UI's connections
 * of the people touched are rebuilt with the pending writes on top; notes without a pending edit show the
 * server's version (decrypted with `cipher`; one that fails authentication is flagged, the rest applies).
 */
export async function applyPullPage(
  db: Kysely<LocalDb>,
  { dataset, changes, cursor }: PullPage,
  now: number,
  cipher: NoteCipherContext | null = null,
): Promise<PullPageOutcome> {
  const latest = new Map<string, OwnChange>();
  for (const change of changes as OwnChange[]) {
    if (isCommunityChange(change)) continue;
    const key = keyOf(change);
    latest.delete(key);
    latest.set(key, change);
  }
  const people: { person: Person; seq: number }[] = [];
  const goneIds: string[] = [];
  const connections: { connection: Connection; seq: number }[] = [];
  const goneConnections: string[] = [];
  const shared: { shared: SharedConnection; seq: number }[] = [];
  const goneShared: { ownerId: string; personId: string }[] = [];
  const notes: { note: SyncedNote; seq: number }[] = [];
  const goneNotes: string[] = [];
  for (const c of latest.values()) {
    if (c.entity === 'person') {
      if (c.op === 'upsert') people.push({ person: c.value, seq: c.seq });
      else goneIds.push(c.id);
    } else if (c.entity === 'connection') {
      if (c.op === 'upsert') connections.push({ connection: c.value, seq: c.seq });
      else goneConnections.push(c.personId);
    } else if (c.entity === 'note') {
      if (c.op === 'upsert') notes.push({ note: c.value, seq: c.seq });
      else goneNotes.push(c.id);
    } else if (c.op === 'upsert') shared.push({ shared: c.value, seq: c.seq });
    else goneShared.push({ ownerId: c.ownerId, personId: c.personId });
  }
  const applied = await db.transaction().execute(async (trx) => {
    if ((await readState(trx, 'dataset')) !== dataset) {
      throw new ServerError('cursor_reset', "The server's data was rebuilt since the last sync");
    }
    const current = await readState(trx, 'cursor');
    if (current !== null && cursor < current) return false; // an older page arriving late changes nothing
    await deletePeople(trx, goneIds);
    await upsertPeople(trx, people);
    await deleteSyncedConnections(trx, goneConnections);
    await upsertSyncedConnections(trx, connections);
    await deleteSharedConnections(trx, goneShared);
    await upsertSharedConnections(trx, shared);
    await recomputeConnections(trx, [...goneConnections, ...connections.map((c) => c.connection.personId)]);
    await deleteSyncedNotes(trx, goneNotes);
    const pendingGone = await listPendingNoteIds(trx, goneNotes);
    for (const id of goneNotes) if (!pendingGone.has(id)) await deleteNote(trx, id);
    await upsertSyncedNotes(trx, notes);
    await refreshNotesFromServer(
      trx,
      cipher,
      notes.map((n) => n.note.id),
    );
    const viewerId = (await readState(trx, 'account'))?.personId ?? null;
    const community = await applyServerRows(trx, toServerRowChanges(changes), { viewerId });
    if (community.gained.length) {
      const due = new Set([...((await readState(trx, 'communitySnapshotsDue')) ?? []), ...community.gained]);
      await writeState(trx, 'communitySnapshotsDue', [...due]);
    }
    await writeState(trx, 'cursor', cursor);
    await writeState(trx, 'lastSyncedAt', now);
    return community.changed;
  });
  if (applied === false) return { people: 0, connections: 0, notes: 0, communities: 0 };
  return {
    people: people.length + goneIds.length,
    connections: connections.length + goneConnections.length + shared.length + goneShared.length,
    notes: notes.length + goneNotes.length,
    communities: applied,
  };
}

/**
 * Where this device stands in the server's change feed, and how far the notification rules have read it:
 * forgotten whenever the feed starts over (a cursor reset, whose sequence may restart lower, or another
 * account), so the next sync bootstraps and the rules start again from the new snapshot's end.
 */
const FEED_POSITION: readonly StateKey[] = [
  'cursor',
  'dataset',
  'bootstrap',
  'communitySnapshotsDue',
  'notifyWatermark',
];

/**
 * The server's data was restored or rebuilt (a cursor reset), in the caller's transaction: the next sync
 * bootstraps afresh, over the rows kept here. Directory, connections and notes stay readable (offline first)
 * until the new snapshot completes; every synced row is marked stale (seq -1, below any cursor, even one
 * of a sequence that restarted lower), so finishSnapshot drops the people and connections the snapshot did
 * not rewrite. Notes are the user's own, and this device may hold the only copy: those the server lost are
 * kept and queued again (serverRestored). Pending writes stay queued. What was heard about the server's notes
 * key is stale too: the next sync asks again.
 */
export async function markSyncedDataStale(trx: Transaction<LocalDb>) {
  await markPeopleStale(trx);
  await markSyncedConnectionsStale(trx);
  await markSyncedNotesStale(trx);
  await markCommunitiesStale(trx);
  await deleteState(trx, ...FEED_POSITION, 'notesKeyOnServer');
  await writeState(trx, 'serverRestored', true);
}

/**
 * Forgets everything synced, in the caller's transaction (another account signs in, or this one signs out):
 * the next sync bootstraps into an empty cache. Pending writes stay queued and the UI's connections stay
 * until the caller clears them too.
 */
export async function discardSyncedData(trx: Transaction<LocalDb>) {
  await clearPeople(trx);
  await clearSyncedConnections(trx);
  await markSyncedNotesStale(trx);
  await clearCommunities(trx);
  await deleteState(trx, ...FEED_POSITION, 'serverRestored', 'firstSyncAt');
}
