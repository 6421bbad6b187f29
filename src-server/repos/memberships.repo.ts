import type { Kysely } from 'kysely';
import type { Membership } from '#shared/domain/community';
import { bulkUpsert } from '#shared/node/bulk-insert';
import { fromMembershipColumns, toMembershipColumns } from '#shared/node/community-columns';
import type { ReadDb } from '#shared/node/open-database';
import type { MembershipsTable, ServerDb } from '../db/schema.ts';
import { inTransaction } from '../db/in-transaction.ts';
import { reserveSeqs } from './change-seq.repo.ts';
import { MEMBERSHIP_JSON, readsCommunity } from './community-sql.ts';
import { linesSection } from './snapshot-rows.ts';

export interface MembershipKey {
  communityId: string;
  personId: string;
}

/** Memberships that are no tombstone: a person in a community, or asking to join it. */
const liveMemberships = (db: ReadDb<ServerDb>) => db.selectFrom('memberships').where('deleted', '=', 0);

/** A person's live membership (a request included) in a community, or undefined (none, or a tombstone). */
export async function findMembership(
  db: ReadDb<ServerDb>,
  { communityId, personId }: MembershipKey,
): Promise<Membership | undefined> {
  const row = await liveMemberships(db)
    .selectAll()
    .where('community_id', '=', communityId)
    .where('person_id', '=', personId)
    .executeTakeFirst();
  return row && fromMembershipColumns(row);
}

/** How many active leaders a community has: the last one may not leave or step down. */
export async function countActiveLeaders(db: ReadDb<ServerDb>, communityId: string): Promise<number> {
  const row = await liveMemberships(db)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('community_id', '=', communityId)
    .where('role', '=', 'leader')
    .where('status', '=', 'active')
    .executeTakeFirstOrThrow();
  return row.n;
}

/** Inserts or replaces a live membership with a new seq, in the caller's transaction or a new one. */
export async function writeMembership(db: Kysely<ServerDb>, membership: Membership): Promise<number> {
  return writeRow(db, { ...toMembershipColumns(membership), deleted: 0 });
}

/** Turns a membership into a tombstone with a new seq (left, removed or declined); null when none is live. */
export async function deleteMembership(db: Kysely<ServerDb>, key: MembershipKey): Promise<number | null> {
  return inTransaction(db, async (trx) => {
    const live = await findMembership(trx, key);
    if (!live) return null;
    return writeRow(trx, { ...toMembershipColumns(live), deleted: 1 });
  });
}

async function writeRow(db: Kysely<ServerDb>, row: Omit<MembershipsTable, 'seq'>): Promise<number> {
  return inTransaction(db, async (trx) => {
    const seq = await reserveSeqs(trx, 1);
    await bulkUpsert(trx, 'memberships', ['community_id', 'person_id'], [{ ...row, seq }]);
    return seq;
  });
}

/** A community's live memberships (requests included), by person id. */
export async function listMemberships(db: ReadDb<ServerDb>, communityId: string): Promise<Membership[]> {
  const rows = await liveMemberships(db)
    .selectAll()
    .where('community_id', '=', communityId)
    .orderBy('person_id')
    .execute();
  return rows.map(fromMembershipColumns);
}

/**
 * The snapshot's memberships section, by (community id, person id): the viewer's own live memberships, and
 * all of the communities whose members they may read.
 */
export const membershipsSection = linesSection({
  type: 'membership',
  value: MEMBERSHIP_JSON,
  key: ['community_id', 'person_id'],
  rows: (db, { viewerId, cursor }) =>
    liveMemberships(db)
      .where('seq', '<=', cursor)
      .where((eb) =>
        eb.or([eb('person_id', '=', viewerId), readsCommunity(viewerId, 'memberships.community_id')]),
      ),
});
