import { sql, type RawBuilder, type Selectable } from 'kysely';
import type { Community, CommunityPref, Membership, Post } from '#shared/domain/community';
import { chunk, type ReadDb, type WriteDb } from '#shared/node/open-database';
import type {
  CommunitiesTable,
  CommunityPrefsTable,
  LocalDb,
  MembershipsTable,
  PostsTable,
} from '../store/local-db.ts';
import { keyOfRow, parseKey, type EntityRow } from './community-mutation.ts';

/** A row of the cache with the server sequence number it carries (0: written here, never synced). */
export interface StoredRow {
  row: EntityRow | null;
  seq: number;
}

/** Keys per statement: well under SQLite's limit of bound parameters. */
const KEYS_PER_STATEMENT = 400;
const ROWS_PER_INSERT = 200;

export const toCommunity = (r: Selectable<CommunitiesTable>): Community => ({
  id: r.id,
  name: r.name,
  kind: r.kind as Community['kind'],
  purpose: r.purpose,
  objectives: JSON.parse(r.objectives) as string[],
  visibility: r.visibility as Community['visibility'],
  createdBy: r.created_by,
  createdAt: r.created_at,
  archived: r.archived === 1,
  updatedAt: r.updated_at,
});

export const toMembership = (r: Selectable<MembershipsTable>): Membership => ({
  communityId: r.community_id,
  personId: r.person_id,
  role: r.role as Membership['role'],
  status: r.status as Membership['status'],
  since: r.since,
  joinedAt: r.joined_at,
});

export const toPost = (r: Selectable<PostsTable>): Post => ({
  id: r.id,
  communityId: r.community_id,
  authorId: r.author_id,
  kind: r.kind as Post['kind'],
  parentId: r.parent_id,
  title: r.title,
  body: r.body,
  event:
    r.event_starts_at === null || r.event_place === null
      ? null
      : { startsAt: r.event_starts_at, place: r.event_place },
  acceptedAnswerId: r.accepted_answer_id,
  createdAt: r.created_at,
  editedAt: r.edited_at,
});

export const toPref = (r: Selectable<CommunityPrefsTable>): CommunityPref => ({
  communityId: r.community_id,
  followed: r.followed === 1,
  muted: r.muted === 1,
  lastReadAt: r.last_read_at,
  updatedAt: r.updated_at,
});

const communityColumns = (c: Community, seq: number): CommunitiesTable => ({
  id: c.id,
  name: c.name,
  kind: c.kind,
  purpose: c.purpose,
  objectives: JSON.stringify(c.objectives),
  visibility: c.visibility,
  created_by: c.createdBy,
  created_at: c.createdAt,
  archived: c.archived ? 1 : 0,
  updated_at: c.updatedAt,
  seq,
});

const membershipColumns = (m: Membership, seq: number): MembershipsTable => ({
  community_id: m.communityId,
  person_id: m.personId,
  role: m.role,
  status: m.status,
  since: m.since,
  joined_at: m.joinedAt,
  seq,
});

const postColumns = (p: Post, seq: number): PostsTable => ({
  id: p.id,
  community_id: p.communityId,
  author_id: p.authorId,
  kind: p.kind,
  parent_id: p.parentId,
  title: p.title,
  body: p.body,
  event_starts_at: p.event?.startsAt ?? null,
  event_place: p.event?.place ?? null,
  accepted_answer_id: p.acceptedAnswerId,
  created_at: p.createdAt,
  edited_at: p.editedAt,
  seq,
});

const prefColumns = (p: CommunityPref, seq: number): CommunityPrefsTable => ({
  community_id: p.communityId,
  followed: p.followed ? 1 : 0,
  muted: p.muted ? 1 : 0,
  last_read_at: p.lastReadAt,
  updated_at: p.updatedAt,
  seq,
});

/** The rows of these keys as the cache holds them now (absent ones as null, seq 0). */
export async function loadRows(db: ReadDb<LocalDb>, keys: Iterable<string>): Promise<Map<string, StoredRow>> {
  const byEntity = {
    community: [] as string[],
    membership: [] as string[],
    post: [] as string[],
    community_pref: [] as string[],
  };
  const out = new Map<string, StoredRow>();
  for (const key of keys) {
    if (out.has(key)) continue;
    out.set(key, { row: null, seq: 0 });
    const { entity, id } = parseKey(key);
    byEntity[entity].push(id);
  }
  const put = (row: EntityRow, seq: number) => out.set(keyOfRow(row), { row, seq });
  for (const ids of chunk(byEntity.community, KEYS_PER_STATEMENT)) {
    const rows = await db.selectFrom('communities').selectAll().where('id', 'in', ids).execute();
    for (const r of rows) put({ entity: 'community', value: toCommunity(r) }, r.seq);
  }
  for (const ids of chunk(byEntity.membership, KEYS_PER_STATEMENT)) {
    const pairs = ids.map((id) => id.split('/') as [string, string]);
    const rows = await db
      .selectFrom('memberships')
      .selectAll()
      .where((eb) =>
        eb.or(
          pairs.map(([communityId, personId]) =>
            eb.and([eb('community_id', '=', communityId), eb('person_id', '=', personId)]),
          ),
        ),
      )
      .execute();
    for (const r of rows) put({ entity: 'membership', value: toMembership(r) }, r.seq);
  }
  for (const ids of chunk(byEntity.post, KEYS_PER_STATEMENT)) {
    const rows = await db.selectFrom('posts').selectAll().where('id', 'in', ids).execute();
    for (const r of rows) put({ entity: 'post', value: toPost(r) }, r.seq);
  }
  for (const ids of chunk(byEntity.community_pref, KEYS_PER_STATEMENT)) {
    const rows = await db
      .selectFrom('community_prefs')
      .selectAll()
      .where('community_id', 'in', ids)
      .execute();
    for (const r of rows) put({ entity: 'community_pref', value: toPref(r) }, r.seq);
  }
  return out;
}

/** Deletes the row of a key, whatever its entity. */
async function deleteRow(db: WriteDb<LocalDb>, key: string) {
  const { entity, id } = parseKey(key);
  if (entity === 'community') await db.deleteFrom('communities').where('id', '=', id).execute();
  else if (entity === 'post') await db.deleteFrom('posts').where('id', '=', id).execute();
  else if (entity === 'community_pref')
    await db.deleteFrom('community_prefs').where('community_id', '=', id).execute();
  else {
    const [communityId = '', personId = ''] = id.split('/');
    await db
      .deleteFrom('memberships')
      .where('community_id', '=', communityId)
      .where('person_id', '=', personId)
      .execute();
  }
}

/** Writes rows (null: deletes the key's row), several rows of an entity per statement. */
export async function writeRows(
  db: WriteDb<LocalDb>,
  entries: readonly { key: string; row: EntityRow | null; seq: number }[],
) {
  const communities: CommunitiesTable[] = [];
  const memberships: MembershipsTable[] = [];
  const posts: PostsTable[] = [];
  const prefs: CommunityPrefsTable[] = [];
  for (const { key, row, seq } of entries) {
    if (!row) await deleteRow(db, key);
    else if (row.entity === 'community') communities.push(communityColumns(row.value, seq));
    else if (row.entity === 'membership') memberships.push(membershipColumns(row.value, seq));
    else if (row.entity === 'post') posts.push(postColumns(row.value, seq));
    else prefs.push(prefColumns(row.value, seq));
  }
  for (const part of chunk(communities, ROWS_PER_INSERT)) {
    await db
      .insertInto('communities')
      .values(part)
      .onConflict((oc) => oc.column('id').doUpdateSet(excluded(part)))
      .execute();
  }
  for (const part of chunk(memberships, ROWS_PER_INSERT)) {
    await db
      .insertInto('memberships')
      .values(part)
      .onConflict((oc) => oc.columns(['community_id', 'person_id']).doUpdateSet(excluded(part)))
      .execute();
  }
  for (const part of chunk(posts, ROWS_PER_INSERT)) {
    await db
      .insertInto('posts')
      .values(part)
      .onConflict((oc) => oc.column('id').doUpdateSet(excluded(part)))
      .execute();
  }
  for (const part of chunk(prefs, ROWS_PER_INSERT)) {
    await db
      .insertInto('community_prefs')
      .values(part)
      .onConflict((oc) => oc.column('community_id').doUpdateSet(excluded(part)))
      .execute();
  }
}

/** `set col = excluded.col` for every column of a row. */
function excluded<R extends object>(rows: readonly R[]): { [K in keyof R]: RawBuilder<R[K]> } {
  return Object.fromEntries(Object.keys(rows[0] ?? {}).map((c) => [c, sql.raw(`excluded.${c}`)])) as {
    [K in keyof R]: RawBuilder<R[K]>;
  };
}

// ——— The server's version of rows with pending writes ———

export async function loadShadows(
  db: ReadDb<LocalDb>,
  keys: Iterable<string>,
): Promise<Map<string, StoredRow>> {
  const out = new Map<string, StoredRow>();
  for (const part of chunk([...new Set(keys)], KEYS_PER_STATEMENT)) {
    const rows = await db
      .selectFrom('community_shadows')
      .selectAll()
      .where('entity_key', 'in', part)
      .execute();
    for (const r of rows) {
      out.set(r.entity_key, {
        row: r.value === null ? null : (JSON.parse(r.value) as EntityRow),
        seq: r.seq,
      });
    }
  }
  return out;
}

export async function saveShadow(db: WriteDb<LocalDb>, key: string, { row, seq }: StoredRow) {
  const values = { entity_key: key, value: row ? JSON.stringify(row) : null, seq };
  await db
    .insertInto('community_shadows')
    .values(values)
    .onConflict((oc) => oc.column('entity_key').doUpdateSet({ value: values.value, seq }))
    .execute();
}

export async function deleteShadows(db: WriteDb<LocalDb>, keys: readonly string[]) {
  for (const part of chunk(keys, KEYS_PER_STATEMENT))
    await db.deleteFrom('community_shadows').where('entity_key', 'in', part).execute();
}
