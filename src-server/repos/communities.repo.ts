import { sql, type Kysely } from 'kysely';
import type { Community, CommunityKind, CommunityVisibility } from '#shared/domain/community';
import type { ReadDb } from '#shared/node/open-database';
import type { CommunitiesTable, ServerDb } from '../db/schema.ts';
import { inTransaction } from '../db/in-transaction.ts';
import { reserveSeqs } from './change-seq.repo.ts';
import { COMMUNITY_JSON, seesCommunity } from './community-sql.ts';

/** A communities row as the permission rules and writers need it. */
export type CommunityRow = CommunitiesTable;

export async function findCommunityRow(db: ReadDb<ServerDb>, id: string): Promise<CommunityRow | undefined> {
  return db.selectFrom('communities').selectAll().where('id', '=', id).executeTakeFirst();
}

export function toCommunity(row: CommunityRow): Community {
  return {
    id: row.id,
    name: row.name,
    kind: row.kind as CommunityKind,
    purpose: row.purpose,
    objectives: JSON.parse(row.objectives) as string[],
    visibility: row.visibility as CommunityVisibility,
    createdBy: row.created_by,
    createdAt: row.created_at,
    archived: row.archived === 1,
    updatedAt: row.updated_at,
  };
}

/** The row of a community as written: its fields, who proposed it and when. */
export function toCommunityRow(community: Community, seq: number, unsharedSeq: number | null): CommunityRow {
  return {
    id: community.id,
    name: community.name,
    kind: community.kind,
    purpose: community.purpose,
    objectives: JSON.stringify(community.objectives),
    visibility: community.visibility,
    created_by: community.createdBy,
    created_at: community.createdAt,
    archived: community.archived ? 1 : 0,
    updated_at: community.updatedAt,
    seq,
    unshared_seq: unsharedSeq,
  };
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
    const { id: _id, ...update } = row;
    await trx
      .insertInto('communities')
      .values(row)
      .onConflict((oc) => oc.column('id').doUpdateSet(update))
      .execute();
    return seq;
  });
}

export interface CommunitySnapshotRange {
  viewerId: string;
  /** Only rows whose last change is at or before this seq. */
  cursor: number;
  /** Only ids after this one (a resumed snapshot). */
  after?: string | undefined;
}

function visibleCommunities(db: ReadDb<ServerDb>, { viewerId, cursor, after }: CommunitySnapshotRange) {
  let query = db.selectFrom('communities').where('seq', '<=', cursor).where(seesCommunity(viewerId));
  if (after !== undefined) query = query.where('id', '>', after);
  return query;
}

/** How many communities the viewer's snapshot holds (after an id, when resuming). */
export async function countCommunitiesSnapshot(db: ReadDb<ServerDb>, range: CommunitySnapshotRange) {
  const row = await visibleCommunities(db, range)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return row.n;
}

/** One keyset page of the communities the viewer sees, by id, as NDJSON lines. */
export async function listCommunitiesSnapshotLines(
  db: ReadDb<ServerDb>,
  range: CommunitySnapshotRange & { limit: number },
): Promise<{ key: string; line: string }[]> {
  return visibleCommunities(db, range)
    .select([
      'id as key',
      sql<string>`json_object('type', 'community', 'value', ${COMMUNITY_JSON})`.as('line'),
    ])
    .orderBy('id')
    .limit(range.limit)
    .execute();
}
