import type { Kysely } from 'kysely';
import type { Community } from '#shared/domain/community';
import { bulkUpsert } from '#shared/node/bulk-insert';
import { toCommunityColumns } from '#shared/node/community-columns';
import type { ReadDb } from '#shared/node/open-database';
import type { CommunitiesTable, ServerDb } from '../db/schema.ts';
import { inTransaction } from '../db/in-transaction.ts';
import { reserveSeqs } from './change-seq.repo.ts';
import { COMMUNITY_JSON, seesCommunity } from './community-sql.ts';
import { linesSection } from './snapshot-rows.ts';

/** A communities row as the permission rules and writers need it. */
export type CommunityRow = CommunitiesTable;

export async function findCommunityRow(db: ReadDb<ServerDb>, id: string): Promise<CommunityRow | undefined> {
  return db.selectFrom('communities').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The row of a community as written: its fields, who proposed it and when. */
export function toCommunityRow(community: Community, seq: number, unsharedSeq: number | null): CommunityRow {
  return { ...toCommunityColumns(community), seq, unshared_seq: unsharedSeq };
}

/**
 * Inserts or replaces a community with a new seq, in the caller's transaction or a new one. Turning private
 * (from open or request) records that seq as unshared_seq, so those who saw it are told to drop it.
 */
export async function writeCommunity(db: Kysely<ServerDb>, community: Community): Promise<number> {
  return inTransaction(db, async (trx) => {
    const old = await findCommunityRow(trx, community.id);
    const seq = await reserveSeqs(trx, 1);
    const turnedPrivate = !!old && old.visibility !== 'private' && community.visibility === 'private';
    const row = toCommunityRow(community, seq, turnedPrivate ? seq : (old?.unshared_seq ?? null));
    await bulkUpsert(trx, 'communities', ['id'], [row]);
    return seq;
  });
}

/** The snapshot's communities section: those the viewer sees, by id. */
export const communitiesSection = linesSection({
  type: 'community',
  value: COMMUNITY_JSON,
  key: ['id'],
  rows: (db, { viewerId, cursor }) =>
    db.selectFrom('communities').where('seq', '<=', cursor).where(seesCommunity(viewerId)),
});
