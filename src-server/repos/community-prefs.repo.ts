import type { Kysely } from 'kysely';
import { NEW_COMMUNITY_PREF, type CommunityPref, type CommunityPrefFields } from '#shared/domain/community';
import { bulkUpsert } from '#shared/node/bulk-insert';
import { fromCommunityPrefColumns, toCommunityPrefColumns } from '#shared/node/community-columns';
import type { ReadDb } from '#shared/node/open-database';
import type { ServerDb } from '../db/schema.ts';
import { inTransaction } from '../db/in-transaction.ts';
import { reserveSeqs } from './change-seq.repo.ts';
import { COMMUNITY_PREF_JSON } from './community-sql.ts';
import { linesSection } from './snapshot-rows.ts';

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
  return row && fromCommunityPrefColumns(row);
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
    const pref: CommunityPref = { communityId: key.communityId, ...fields, updatedAt: now };
    const seq = await reserveSeqs(trx, 1);
    const row = { owner_id: key.ownerId, ...toCommunityPrefColumns(pref), seq };
    await bulkUpsert(trx, 'community_prefs', ['owner_id', 'community_id'], [row]);
    return pref;
  });
}

/** The snapshot's community_prefs section: the viewer's own preferences, by community id. */
export const communityPrefsSection = linesSection({
  type: 'community_pref',
  value: COMMUNITY_PREF_JSON,
  key: ['community_id'],
  rows: (db, { viewerId, cursor }) =>
    db.selectFrom('community_prefs').where('owner_id', '=', viewerId).where('seq', '<=', cursor),
});
