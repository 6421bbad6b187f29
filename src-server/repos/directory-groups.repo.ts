import type { ExpressionBuilder, Kysely, Transaction } from 'kysely';
import { bulkUpsert } from '#shared/node/bulk-insert';
import type { ReadDb } from '#shared/node/open-database';
import type { MembershipsTable, ServerDb } from '../db/schema.ts';
import { inTransaction } from '../db/in-transaction.ts';
import { reserveSeqs } from './change-seq.repo.ts';
import { writeCommunity } from './communities.repo.ts';
import { DirectoryRefusal } from './directory-people.repo.ts';

/*
 * Teams the company directory manages (SCIM Groups): a community of kind 'team', open (every employee reads
 * it, as they read any team; the community rules refuse join and leave), with no creator, its members of role
 * 'member'. Every write runs in one transaction through the change sequence; delete archives the team and
 * ends its memberships.
 */

export interface DirectoryGroupFields {
  displayName: string;
  externalId: string | null;
  memberIds: readonly string[];
}

/** member: the group has this person among its live members. */
export type GroupCriterion = { field: 'id' | 'displayName' | 'externalId' | 'member'; value: string };

const GROUP_COLUMNS = [
  'communities.id',
  'communities.name',
  'scim_groups.external_id',
  'scim_groups.created_at',
  'scim_groups.updated_at',
] as const;

const liveGroups = (db: ReadDb<ServerDb>) =>
  db
    .selectFrom('communities')
    .innerJoin('scim_groups', 'scim_groups.community_id', 'communities.id')
    .where('communities.archived', '=', 0)
    .where('communities.managed_by_directory', '=', 1);

function criterion(eb: ExpressionBuilder<ServerDb, 'communities' | 'scim_groups'>, c: GroupCriterion) {
  if (c.field === 'id') return eb('communities.id', '=', c.value);
  if (c.field === 'externalId') return eb('scim_groups.external_id', '=', c.value);
  if (c.field === 'member')
    return eb.exists(
      eb
        .selectFrom('memberships')
        .select('memberships.person_id')
        .whereRef('memberships.community_id', '=', 'communities.id')
        .where('memberships.person_id', '=', c.value)
        .where('memberships.deleted', '=', 0),
    );
  // displayName is not case-exact (RFC 7643 §4.2).
  return eb(eb.fn('lower', ['communities.name']), '=', c.value.toLowerCase());
}

export async function findDirectoryGroup(db: ReadDb<ServerDb>, id: string) {
  return liveGroups(db).select(GROUP_COLUMNS).where('communities.id', '=', id).executeTakeFirst();
}

export async function listDirectoryGroups(
  db: ReadDb<ServerDb>,
  criteria: readonly GroupCriterion[],
  { offset, limit }: { offset: number; limit: number },
) {
  const where = (eb: ExpressionBuilder<ServerDb, 'communities' | 'scim_groups'>) =>
    eb.and(criteria.map((c) => criterion(eb, c)));
  const total = await liveGroups(db)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where(where)
    .executeTakeFirstOrThrow();
  const rows =
    limit === 0
      ? []
      : await liveGroups(db)
          .select(GROUP_COLUMNS)
          .where(where)
          .orderBy('communities.id')
          .limit(limit)
          .offset(offset)
          .execute();
  return { total: Number(total.n), rows };
}

/** The live members of a team (active memberships of live people) with their names, by person id. */
export async function listGroupMembers(db: ReadDb<ServerDb>, communityId: string) {
  return db
    .selectFrom('memberships')
    .innerJoin('people', 'people.id', 'memberships.person_id')
    .select(['people.id', 'people.name'])
    .where('memberships.community_id', '=', communityId)
    .where('memberships.deleted', '=', 0)
    .where('people.deleted', '=', 0)
    .orderBy('people.id')
    .execute();
}

async function checkGroup(trx: Transaction<ServerDb>, id: string, f: DirectoryGroupFields) {
  const keys: [string, GroupCriterion | null][] = [
    ['displayName', { field: 'displayName', value: f.displayName }],
    ['externalId', f.externalId ? { field: 'externalId', value: f.externalId } : null],
  ];
  for (const [label, c] of keys) {
    if (!c) continue;
    const other = await liveGroups(trx)
      .select('communities.id')
      .where((eb) => criterion(eb, c))
      .where('communities.id', '!=', id)
      .executeTakeFirst();
    if (other) throw new DirectoryRefusal('uniqueness', `Another group (id ${other.id}) has this ${label}`);
  }
  const unique = [...new Set(f.memberIds)];
  const found = new Set<string>();
  for (let i = 0; i < unique.length; i += 10_000) {
    const rows = await trx
      .selectFrom('people')
      .select('id')
      .where('deleted', '=', 0)
      .where('id', 'in', unique.slice(i, i + 10_000))
      .execute();
    for (const row of rows) found.add(row.id);
  }
  const missing = unique.filter((m) => !found.has(m));
  if (missing.length > 0)
    throw new DirectoryRefusal('not_found', `No user with id ${missing.slice(0, 5).join(', ')}: provision users first`);
  return unique;
}

/** Writes memberships (live or tombstones) with consecutive new seqs. */
async function writeMemberships(
  trx: Transaction<ServerDb>,
  communityId: string,
  personIds: readonly string[],
  deleted: 0 | 1,
  nowMs: number,
) {
  if (personIds.length === 0) return;
  const first = await reserveSeqs(trx, personIds.length);
  const rows: MembershipsTable[] = personIds.map((personId, i) => ({
    community_id: communityId,
    person_id: personId,
    role: 'member',
    status: 'active',
    since: nowMs,
    joined_at: nowMs,
    deleted,
    seq: first + i,
  }));
  await bulkUpsert(trx, 'memberships', ['community_id', 'person_id'], rows);
}

async function liveMemberIds(trx: Transaction<ServerDb>, communityId: string) {
  const rows = await trx
    .selectFrom('memberships')
    .select('person_id')
    .where('community_id', '=', communityId)
    .where('deleted', '=', 0)
    .execute();
  return new Set(rows.map((r) => r.person_id));
}

/**
 * Creates or replaces a directory team: its name, externalId and exactly these members (only the difference
 * is written). A duplicate name or externalId, or a member who is no user: refused, nothing written.
 */
export async function writeDirectoryGroup(
  db: Kysely<ServerDb>,
  id: string,
  f: DirectoryGroupFields,
  now = new Date(),
): Promise<void> {
  await inTransaction(db, async (trx) => {
    const members = await checkGroup(trx, id, f);
    const old = await trx.selectFrom('communities').selectAll().where('id', '=', id).executeTakeFirst();
    const ms = now.getTime();
    if (!old || old.name !== f.displayName) {
      await writeCommunity(trx, {
        id,
        name: f.displayName,
        kind: 'team',
        purpose: 'A team from the company directory',
        objectives: [],
        visibility: 'open',
        createdBy: null,
        createdAt: old?.created_at ?? ms,
        archived: false,
        updatedAt: ms,
        managedByDirectory: true,
      });
    }
    const stamp = now.toISOString();
    await trx
      .insertInto('scim_groups')
      .values({ community_id: id, external_id: f.externalId, created_at: stamp, updated_at: stamp })
      .onConflict((oc) => oc.column('community_id').doUpdateSet({ external_id: f.externalId, updated_at: stamp }))
      .execute();
    const current = await liveMemberIds(trx, id);
    const wanted = new Set(members);
    await writeMemberships(trx, id, members.filter((m) => !current.has(m)), 0, ms);
    await writeMemberships(trx, id, [...current].filter((m) => !wanted.has(m)), 1, ms);
  });
}

/** Archives a directory team and ends its memberships; false when there is no such live team. */
export async function archiveDirectoryGroup(db: Kysely<ServerDb>, id: string, now = new Date()): Promise<boolean> {
  return inTransaction(db, async (trx) => {
    const row = await liveGroups(trx).selectAll('communities').where('communities.id', '=', id).executeTakeFirst();
    if (!row) return false;
    const ms = now.getTime();
    await writeCommunity(trx, {
      id,
      name: row.name,
      kind: 'team',
      purpose: row.purpose,
      objectives: JSON.parse(row.objectives) as string[],
      visibility: 'open',
      createdBy: null,
      createdAt: row.created_at,
      archived: true,
      updatedAt: ms,
      managedByDirectory: true,
    });
    await writeMemberships(trx, id, [...(await liveMemberIds(trx, id))], 1, ms);
    await trx.updateTable('scim_groups').set({ updated_at: now.toISOString() }).where('community_id', '=', id).execute();
    return true;
  });
}
