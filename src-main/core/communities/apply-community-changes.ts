import type { Transaction } from 'kysely';
import type { CommunityMutation } from '#shared/wire/push';
import type { Change, CommunitySnapshot } from '#shared/wire/sync';
import {
  listPendingCommunityWrites,
  type NewCommunityMutation,
  type PendingCommunityWrite,
} from '../sync/outbox.repo.ts';
import type { LocalDb } from '../store/local-db.ts';
import {
  applyCommunityMutationLocally,
  communityKey,
  keysRead,
  keysWritten,
  keyOfRow,
  membershipKey,
  postKey,
  type CommunityRows,
  type EntityRow,
} from './community-mutation.ts';
import {
  deleteShadows,
  loadRows,
  loadShadows,
  saveShadow,
  writeRows,
  type StoredRow,
} from './community-rows.repo.ts';

/**
 * How the server's community rows land in the cache, whatever brought them (a snapshot batch, a pull page,
 * a community's own snapshot): a row without a pending local write is written as it came; one with pending
 * writes gets its server version kept aside (community_shadows) and is rebuilt as that version with the
 * pending writes replayed on top, so a pull never overwrites a pending edit. A write the server refuses is
 * undone the same way, without it.
 */

/** One server row (null: it is gone from the user's view) at a point of the change sequence. */
export interface ServerRowChange {
  key: string;
  row: EntityRow | null;
  seq: number;
}

/** The community changes of a pull page as row changes; other entities are left to the caller. */
export function toServerRowChanges(changes: readonly Change[]): ServerRowChange[] {
  const out: ServerRowChange[] = [];
  for (const c of changes) {
    if (c.entity === 'community')
      out.push(
        c.op === 'upsert'
          ? { key: communityKey(c.value.id), row: { entity: 'community', value: c.value }, seq: c.seq }
          : { key: communityKey(c.id), row: null, seq: c.seq },
      );
    else if (c.entity === 'membership')
      out.push(
        c.op === 'upsert'
          ? {
              key: membershipKey(c.value.communityId, c.value.personId),
              row: { entity: 'membership', value: c.value },
              seq: c.seq,
            }
          : { key: membershipKey(c.communityId, c.personId), row: null, seq: c.seq },
      );
    else if (c.entity === 'post')
      out.push(
        c.op === 'upsert'
          ? { key: postKey(c.value.id), row: { entity: 'post', value: c.value }, seq: c.seq }
          : { key: postKey(c.id), row: null, seq: c.seq },
      );
    else if (c.entity === 'community_pref')
      out.push({
        key: `community_pref:${c.value.communityId}`,
        row: { entity: 'community_pref', value: c.value },
        seq: c.seq,
      });
  }
  return out;
}

export const rowChange = (row: EntityRow, seq: number): ServerRowChange => ({ key: keyOfRow(row), row, seq });

/** The keys each pending write may change. */
function pendingKeys(pending: readonly PendingCommunityWrite[]) {
  const keys = new Set<string>();
  for (const w of pending) for (const k of keysWritten(w.mutation, w.actorId)) keys.add(k);
  return keys;
}

/** A community gone from the view takes its members and posts with it (those kept here, pending or not). */
async function withCommunityDeletes(trx: Transaction<LocalDb>, latest: Map<string, ServerRowChange>) {
  for (const change of [...latest.values()]) {
    if (change.row !== null || !change.key.startsWith('community:')) continue;
    const id = change.key.slice('community:'.length);
    const members = await trx
      .selectFrom('memberships')
      .select('person_id')
      .where('community_id', '=', id)
      .execute();
    const posts = await trx.selectFrom('posts').select('id').where('community_id', '=', id).execute();
    const shadows = await trx
      .selectFrom('community_shadows')
      .select('entity_key')
      .where('entity_key', 'like', `membership:${id}/%`)
      .execute();
    const keys = [
      ...members.map((m) => membershipKey(id, m.person_id)),
      ...posts.map((p) => postKey(p.id)),
      ...shadows.map((s) => s.entity_key),
    ];
    for (const key of keys) if (!latest.has(key)) latest.set(key, { key, row: null, seq: change.seq });
  }
}

export interface AppliedCommunityChanges {
  /** Rows written or rebuilt. */
  changed: number;
  /** Private communities the viewer just became an active member of: their older rows are to be fetched. */
  gained: string[];
}

/**
 * Applies the server's rows in the caller's transaction; within the list the last change of a key wins.
 * skipOlder: a row already held at a later seq (from a community snapshot) is kept. viewerId: detect the
 * private communities the viewer gained.
 */
export async function applyServerRows(
  trx: Transaction<LocalDb>,
  changes: readonly ServerRowChange[],
  { skipOlder = false, viewerId = null }: { skipOlder?: boolean; viewerId?: string | null } = {},
): Promise<AppliedCommunityChanges> {
  if (changes.length === 0) return { changed: 0, gained: [] };
  const latest = new Map<string, ServerRowChange>();
  for (const change of changes) {
    latest.delete(change.key);
    latest.set(change.key, change);
  }
  await withCommunityDeletes(trx, latest);
  const pending = await listPendingCommunityWrites(trx);
  const pendingSet = pendingKeys(pending);
  const keys = [...latest.keys()];
  const shadows = await loadShadows(trx, keys);
  const viewerKeys = viewerId
    ? keys.filter((k) => k.startsWith('membership:') && k.endsWith(`/${viewerId}`))
    : [];
  const stored = await loadRows(trx, skipOlder ? keys : viewerKeys);
  const serverBefore = (key: string): StoredRow | undefined => shadows.get(key) ?? stored.get(key);

  const direct: ServerRowChange[] = [];
  const rebuild: string[] = [];
  const joined: string[] = [];
  for (const change of latest.values()) {
    const before = serverBefore(change.key);
    if (skipOlder && before && (before.row !== null || shadows.has(change.key)) && before.seq > change.seq)
      continue;
    if (viewerKeys.includes(change.key) && change.row?.entity === 'membership') {
      const was = before?.row?.entity === 'membership' ? before.row.value.status : null;
      if (change.row.value.status === 'active' && was !== 'active') joined.push(change.row.value.communityId);
    }
    if (pendingSet.has(change.key)) {
      await saveShadow(trx, change.key, { row: change.row, seq: change.seq });
      rebuild.push(change.key);
    } else direct.push(change);
  }
  await writeRows(trx, direct);
  await deleteShadows(
    trx,
    direct.map((c) => c.key),
  );
  await rebuildRows(trx, rebuild, pending);

  const gained: string[] = [];
  if (joined.length) {
    const rows = await loadRows(trx, joined.map(communityKey));
    for (const id of joined) {
      const row = rows.get(communityKey(id))?.row;
      if (row?.entity === 'community' && row.value.visibility === 'private') gained.push(id);
    }
  }
  return { changed: direct.length + rebuild.length, gained };
}

/**
 * Rebuilds these rows as the server's version (their shadow) with the pending writes that touch them
 * replayed in order, each at its own local time. Rows other writes only read come from the cache as it is.
 */
export async function rebuildRows(
  trx: Transaction<LocalDb>,
  keys: readonly string[],
  pending: readonly PendingCommunityWrite[],
) {
  if (keys.length === 0) return;
  const wanted = new Set(keys);
  const writes = pending.filter((w) => keysWritten(w.mutation, w.actorId).some((k) => wanted.has(k)));
  const shadows = await loadShadows(trx, wanted);
  const readOnly = new Set(writes.flatMap((w) => keysRead(w.mutation)));
  const current = await loadRows(trx, [...wanted, ...readOnly]);
  let state: CommunityRows = new Map();
  for (const [key, { row }] of current) state.set(key, row);
  // A shadow is missing only if the cache was cleared under pending writes: the row as shown is the base then.
  for (const key of wanted) state.set(key, (shadows.get(key) ?? current.get(key))?.row ?? null);
  for (const w of writes)
    state = applyCommunityMutationLocally(state, w.mutation, { actorId: w.actorId, at: w.at });
  await writeRows(
    trx,
    [...wanted].map((key) => ({
      key,
      row: state.get(key) ?? null,
      seq: (shadows.get(key) ?? current.get(key))?.seq ?? 0,
    })),
  );
}

/**
 * Applies a write here before it is queued (the caller queues it in the same transaction). The server's
 * version of each row it changes is kept first unless an earlier pending write already did.
 */
export async function applyLocalWrite(
  trx: Transaction<LocalDb>,
  m: NewCommunityMutation,
  { actorId, at }: { actorId: string; at: number },
) {
  const written = keysWritten(m, actorId);
  const pendingSet = pendingKeys(await listPendingCommunityWrites(trx));
  const current = await loadRows(trx, [...written, ...keysRead(m)]);
  for (const key of written)
    if (!pendingSet.has(key)) await saveShadow(trx, key, current.get(key) ?? { row: null, seq: 0 });
  let state: CommunityRows = new Map();
  for (const [key, { row }] of current) state.set(key, row);
  state = applyCommunityMutationLocally(state, m, { actorId, at });
  await writeRows(
    trx,
    written.map((key) => ({ key, row: state.get(key) ?? null, seq: current.get(key)?.seq ?? 0 })),
  );
}

/**
 * Undoes community writes the server refused, in the caller's transaction, after they left the outbox:
 * their rows go back to the server's last known version with the remaining pending writes on top; a row
 * with none left needs its shadow no more.
 */
export async function rollBackCommunityWrites(
  trx: Transaction<LocalDb>,
  rejected: readonly { mutation: CommunityMutation; actorId: string }[],
) {
  if (rejected.length === 0) return;
  const keys = [...new Set(rejected.flatMap((r) => keysWritten(r.mutation, r.actorId)))];
  const pending = await listPendingCommunityWrites(trx);
  await rebuildRows(trx, keys, pending);
  const stillPending = pendingKeys(pending);
  await deleteShadows(
    trx,
    keys.filter((k) => !stillPending.has(k)),
  );
}

/** The rows of one community's snapshot, at its cursor. */
export function snapshotRowChanges(snapshot: CommunitySnapshot): ServerRowChange[] {
  const { cursor } = snapshot;
  return [
    rowChange({ entity: 'community', value: snapshot.community }, cursor),
    ...snapshot.memberships.map((value) => rowChange({ entity: 'membership', value }, cursor)),
    ...snapshot.posts.map((value) => rowChange({ entity: 'post', value }, cursor)),
  ];
}

const TABLES = ['communities', 'memberships', 'posts', 'community_prefs', 'community_shadows'] as const;

/**
 * The snapshot is complete: rows it did not rewrite (seq below its cursor) are gone from the server. Those
 * without pending writes go; those with some are rebuilt on "the server has none".
 */
export async function finishCommunitySnapshot(trx: Transaction<LocalDb>, snapshotCursor: number) {
  const stale: ServerRowChange[] = [];
  const gone = (key: string) => stale.push({ key, row: null, seq: snapshotCursor });
  for (const r of await trx
    .selectFrom('communities')
    .select('id')
    .where('seq', '<', snapshotCursor)
    .execute())
    gone(communityKey(r.id));
  for (const r of await trx
    .selectFrom('memberships')
    .select(['community_id', 'person_id'])
    .where('seq', '<', snapshotCursor)
    .execute())
    gone(membershipKey(r.community_id, r.person_id));
  for (const r of await trx.selectFrom('posts').select('id').where('seq', '<', snapshotCursor).execute())
    gone(postKey(r.id));
  for (const r of await trx
    .selectFrom('community_prefs')
    .select('community_id')
    .where('seq', '<', snapshotCursor)
    .execute())
    gone(`community_pref:${r.community_id}`);
  for (const r of await trx
    .selectFrom('community_shadows')
    .select('entity_key')
    .where('seq', '<', snapshotCursor)
    .execute())
    gone(r.entity_key);
  await applyServerRows(trx, stale);
}

/** After a cursor reset: every row is kept but marked for the next snapshot to rewrite or drop. */
export async function markCommunitiesStale(trx: Transaction<LocalDb>) {
  for (const table of TABLES) await trx.updateTable(table).set({ seq: -1 }).execute();
}

/** Forgets every community row (another account, or sign-out). */
export async function clearCommunities(trx: Transaction<LocalDb>) {
  for (const table of TABLES) await trx.deleteFrom(table).execute();
}
