import { sql } from 'kysely';
import type { z } from 'zod';
import type {
  Community,
  CommunityDetail,
  CommunityListQuery,
  CommunityMember,
  CommunityPref,
  CommunityRole,
  MembersPage,
  MembersQuery,
  Membership,
  MyMembership,
  Post,
} from '#shared/domain/community';
import type { PersonSummary } from '#shared/domain/person';
import type { ReadDb } from '#shared/node/open-database';
import type { LocalDb } from '../store/local-db.ts';
import { communityKey, membershipKey, prefKey } from './community-mutation.ts';
import {
  fromCommunityColumns,
  fromCommunityPrefColumns,
  fromMembershipColumns,
  fromPostColumns,
} from '#shared/node/community-columns';

/** The community cache read for the UI and for the rules a local write is checked against. */

export async function findCommunity(db: ReadDb<LocalDb>, id: string): Promise<Community | null> {
  const row = await db.selectFrom('communities').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? fromCommunityColumns(row) : null;
}

export async function findMembership(
  db: ReadDb<LocalDb>,
  communityId: string,
  personId: string,
): Promise<Membership | null> {
  const row = await db
    .selectFrom('memberships')
    .selectAll()
    .where('community_id', '=', communityId)
    .where('person_id', '=', personId)
    .executeTakeFirst();
  return row ? fromMembershipColumns(row) : null;
}

export async function countActiveLeaders(db: ReadDb<LocalDb>, communityId: string) {
  const row = await db
    .selectFrom('memberships')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('community_id', '=', communityId)
    .where('status', '=', 'active')
    .where('role', '=', 'leader')
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function findPost(db: ReadDb<LocalDb>, id: string): Promise<Post | null> {
  const row = await db.selectFrom('posts').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? fromPostColumns(row) : null;
}

export async function findPref(db: ReadDb<LocalDb>, communityId: string): Promise<CommunityPref | null> {
  const row = await db
    .selectFrom('community_prefs')
    .selectAll()
    .where('community_id', '=', communityId)
    .executeTakeFirst();
  return row ? fromCommunityPrefColumns(row) : null;
}

/** Whether a write of the user's to any of these rows is still queued. */
export async function hasPendingWrite(db: ReadDb<LocalDb>, keys: readonly string[]) {
  const row = await db
    .selectFrom('outbox')
    .select('mutation_id')
    .where('entity_key', 'in', keys)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

export async function findMyMembership(
  db: ReadDb<LocalDb>,
  communityId: string,
  viewerId: string,
): Promise<MyMembership> {
  const [membership, pref] = await Promise.all([
    findMembership(db, communityId, viewerId),
    findPref(db, communityId),
  ]);
  return {
    role: membership?.role ?? null,
    status: membership?.status ?? null,
    followed: pref?.followed ?? false,
    muted: pref?.muted ?? false,
  };
}

/** A member whose person left the directory is still listed, under their id. */
const personColumns = [
  'm.person_id',
  'm.role',
  'm.status',
  'm.since',
  'm.joined_at',
  'p.name',
  'p.title',
  'p.department',
  'p.location',
  'p.active',
] as const;

interface MemberRow {
  person_id: string;
  role: string;
  status: string;
  since: number;
  joined_at: number | null;
  name: string | null;
  title: string | null;
  department: string | null;
  location: string | null;
  active: number | null;
}

function toMember(r: MemberRow): CommunityMember {
  const person: PersonSummary = {
    id: r.person_id,
    name: r.name ?? 'No longer in the directory',
    title: r.title ?? '',
    department: r.department ?? '',
    location: r.location ?? '',
    active: r.active === 1,
  };
  return {
    person,
    role: r.role as CommunityRole,
    status: r.status as CommunityMember['status'],
    since: r.since,
    joinedAt: r.joined_at,
  };
}

function members(db: ReadDb<LocalDb>, communityId: string) {
  return db
    .selectFrom('memberships as m')
    .leftJoin('people as p', 'p.id', 'm.person_id')
    .where('m.community_id', '=', communityId);
}

const ROLE_ORDER = sql<number>`case m.role when 'leader' then 0 when 'moderator' then 1 else 2 end`;

/** A LIKE pattern matching `text` anywhere, its own % and _ taken literally. */
const containing = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** Active members, leaders first, then by name. */
export async function listMembers(
  db: ReadDb<LocalDb>,
  query: z.output<typeof MembersQuery>,
): Promise<MembersPage> {
  const { communityId, text, offset, limit } = query;
  let q = members(db, communityId).where('m.status', '=', 'active');
  if (text) q = q.where(sql<boolean>`p.name like ${containing(text)} escape '\'`);
  const rows = await q
    .select(personColumns)
    .orderBy(ROLE_ORDER)
    .orderBy(sql`p.name collate nocase`)
    .orderBy('m.person_id')
    .limit(limit)
    .offset(offset)
    .execute();
  const total = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return { items: rows.map(toMember), total: Number(total.n) };
}

/** The community page's header as the viewer sees it; null when it is not in the cache. */
export async function findCommunityDetail(
  db: ReadDb<LocalDb>,
  communityId: string,
  viewerId: string,
): Promise<CommunityDetail | null> {
  const community = await findCommunity(db, communityId);
  if (!community) return null;
  const me = await findMyMembership(db, communityId, viewerId);
  const staff = await members(db, communityId)
    .where('m.status', '=', 'active')
    .where('m.role', 'in', ['leader', 'moderator'])
    .select(personColumns)
    .orderBy(sql`p.name collate nocase`)
    .execute();
  const count = await members(db, communityId)
    .where('m.status', '=', 'active')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  const isLeader = me.role === 'leader' && me.status === 'active';
  const requests = isLeader
    ? await members(db, communityId)
        .where('m.status', '=', 'requested')
        .select(personColumns)
        .orderBy('m.since')
        .execute()
    : [];
  const all = staff.map(toMember);
  return {
    community,
    leaders: all.filter((m) => m.role === 'leader').map((m) => m.person),
    moderators: all.filter((m) => m.role === 'moderator').map((m) => m.person),
    memberCount: Number(count.n),
    requests: requests.map(toMember),
    me,
    pending: await hasPendingWrite(db, [
      communityKey(communityId),
      membershipKey(communityId, viewerId),
      prefKey(communityId),
    ]),
  };
}

/** The ids of the communities a list shows, by name. */
export async function listCommunityIds(
  db: ReadDb<LocalDb>,
  { scope, kind, text, includeArchived }: z.output<typeof CommunityListQuery>,
  viewerId: string,
): Promise<string[]> {
  let q = db
    .selectFrom('communities as c')
    .leftJoin('memberships as m', (j) =>
      j.onRef('m.community_id', '=', 'c.id').on('m.person_id', '=', viewerId),
    )
    .select('c.id');
  // Mine: a member, or waiting for a leader; discover: not a member, and not private (which needs one).
  if (scope === 'mine') q = q.where('m.person_id', 'is not', null);
  if (scope === 'discover') q = q.where('m.person_id', 'is', null).where('c.visibility', '!=', 'private');
  if (kind) q = q.where('c.kind', '=', kind);
  if (!includeArchived) q = q.where('c.archived', '=', 0);
  if (text) {
    const pattern = containing(text);
    q = q.where(sql<boolean>`(c.name like ${pattern} escape '\' or c.purpose like ${pattern} escape '\')`);
  }
  const rows = await q
    .orderBy(sql`c.name collate nocase`)
    .orderBy('c.id')
    .execute();
  return rows.map((r) => r.id);
}

/** Communities the viewer and this person are both active members of, by name. */
export async function listCommonCommunityIds(db: ReadDb<LocalDb>, viewerId: string, personId: string) {
  const rows = await db
    .selectFrom('communities as c')
    .innerJoin('memberships as a', 'a.community_id', 'c.id')
    .innerJoin('memberships as b', 'b.community_id', 'c.id')
    .where('a.person_id', '=', viewerId)
    .where('a.status', '=', 'active')
    .where('b.person_id', '=', personId)
    .where('b.status', '=', 'active')
    .select('c.id')
    .orderBy(sql`c.name collate nocase`)
    .orderBy('c.id')
    .execute();
  return rows.map((r) => r.id);
}

/** A question's answers, oldest first, as rows for buildFeedItems. */
export function listAnswerRows(db: ReadDb<LocalDb>, questionId: string) {
  return db
    .selectFrom('posts')
    .selectAll()
    .where('parent_id', '=', questionId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}
