import { sql, type Kysely } from 'kysely';
import { NEW_COMMUNITY_PREF, type CommunityPref, type CommunityPrefFields } from '#shared/domain/community';
import type { ReadDb } from '#shared/node/open-database';
import type { ServerDb } from '../db/schema.ts';
import { inTransaction } from '../db/in-transaction.ts';
import { reserveSeqs } from './change-seq.repo.ts';
import { COMMUNITY_PREF_JSON } from './community-sql.ts';

export interface CommunityPrefKey {
  ownerId: string;
  communityId: string;
}

/** The owner's preferences for a community, or undefined when they never set any. */
export async function findCommunityPref(
  db: ReadDb<ServerDb>,
  { ownerId, communityId }: CommunityPrefKey,
): Promise<CommunityPref | undefined> {
  const row = await db
    .selectFrom('community_prefs')
    .selectAll()
    .where('owner_id', '=', ownerId)
    .where('community_id', '=', communityId)
    .executeTakeFirst();
  return (
    row && {
      communityId: row.community_id,
      followed: row.followed === 1,
      muted: row.muted === 1,
      lastReadAt: row.last_read_at,
      updatedAt: row.updated_at,
    }
  );
}

/**
 * Applies a patch onto the owner's preferences (NEW_COMMUNITY_PREF when there are none) with a new seq, in
 * the caller's transaction or a new one: only the fields given change, so each field's last writer wins.
 */
export async function patchCommunityPref(
  db: Kysely<ServerDb>,
  key: CommunityPrefKey,
  patch: Partial<CommunityPrefFields>,
  now: number,
): Promise<CommunityPref> {
  return inTransaction(db, async (trx) => {
    const current = (await findCommunityPref(trx, key)) ?? NEW_COMMUNITY_PREF;
    const defined = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined));
    const fields: CommunityPrefFields = {
      followed: current.followed,
      muted: current.muted,
      lastReadAt: current.lastReadAt,
      ...defined,
    };
    const seq = await reserveSeqs(trx, 1);
    const values = {
      followed: fields.followed ? 1 : 0,
      muted: fields.muted ? 1 : 0,
      last_read_at: fields.lastReadAt,
      updated_at: now,
      seq,
    };
    await trx
      .insertInto('community_prefs')
      .values({ owner_id: key.ownerId, community_id: key.communityId, ...values })
      .onConflict((oc) => oc.columns(['owner_id', 'community_id']).doUpdateSet(values))
      .execute();
    return { communityId: key.communityId, ...fields, updatedAt: now };
  });
}

export interface CommunityPrefSnapshotRange {
  viewerId: string;
  cursor: number;
  after?: string | undefined;
}

function ownPrefs(db: ReadDb<ServerDb>, { viewerId, cursor, after }: CommunityPrefSnapshotRange) {
  let query = db.selectFrom('community_prefs').where('owner_id', '=', viewerId).where('seq', '<=', cursor);
  if (after !== undefined) query = query.where('community_id', '>', after);
  return query;
}

export async function countCommunityPrefsSnapshot(db: ReadDb<ServerDb>, range: CommunityPrefSnapshotRange) {
  const row = await ownPrefs(db, range)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return row.n;
}

/** One keyset page of the viewer's own community preferences, by community id, as NDJSON lines. */
export async function listCommunityPrefsSnapshotLines(
  db: ReadDb<ServerDb>,
  range: CommunityPrefSnapshotRange & { limit: number },
): Promise<{ key: string; line: string }[]> {
  return ownPrefs(db, range)
    .select([
      'community_id as key',
      sql<string>`json_object('type', 'community_pref', 'value', ${COMMUNITY_PREF_JSON})`.as('line'),
    ])
    .orderBy('community_id')
    .limit(range.limit)
    .execute();
}
