import {
  fromCommunityColumns,
  fromCommunityPrefColumns,
  fromMembershipColumns,
  fromPostColumns,
  toCommunityColumns,
  toCommunityPrefColumns,
  toMembershipColumns,
  toPostColumns,
} from '#shared/node/community-columns';
import { chunk, type ReadDb, type WriteDb } from '#shared/node/open-database';
import type {
  CommunitiesTable,
  CommunityPrefsTable,
  LocalDb,
  MembershipsTable,
  PostsTable,
} from '../store/local-db.ts';
import { bulkUpsert } from '#shared/node/bulk-insert';
import { keyOfRow, parseKey, type EntityRow } from './community-mutation.ts';

/** A row of the cache with the server sequence number it carries (0: written here, never synced). */
export interface StoredRow {
  row: EntityRow | null;
  seq: number;
}

/** Keys per statement: well under SQLite's limit of bound parameters. */
const KEYS_PER_STATEMENT = 400;
const ROWS_PER_INSERT = 200;

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
    for (const r of rows) put({ entity: 'community', value: fromCommunityColumns(r) }, r.seq);
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
    for (const r of rows) put({ entity: 'membership', value: fromMembershipColumns(r) }, r.seq);
  }
  for (const ids of chunk(byEntity.post, KEYS_PER_STATEMENT)) {
    const rows = await db.selectFrom('posts').selectAll().where('id', 'in', ids).execute();
    for (const r of rows) put({ entity: 'post', value: fromPostColumns(r) }, r.seq);
  }
  for (const ids of chunk(byEntity.community_pref, KEYS_PER_STATEMENT)) {
    const rows = await db
      .selectFrom('community_prefs')
      .selectAll()
      .where('community_id', 'in', ids)
      .execute();
    for (const r of rows) put({ entity: 'community_pref', value: fromCommunityPrefColumns(r) }, r.seq);
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
    else if (row.entity === 'community') communities.push({ ...toCommunityColumns(row.value), seq });
    else if (row.entity === 'membership') memberships.push({ ...toMembershipColumns(row.value), seq });
    else if (row.entity === 'post') posts.push({ ...toPostColumns(row.value), seq });
    else prefs.push({ ...toCommunityPrefColumns(row.value), seq });
  }
  for (const part of chunk(communities, ROWS_PER_INSERT)) await bulkUpsert(db, 'communities', ['id'], part);
  for (const part of chunk(memberships, ROWS_PER_INSERT))
    await bulkUpsert(db, 'memberships', ['community_id', 'person_id'], part);
  for (const part of chunk(posts, ROWS_PER_INSERT)) await bulkUpsert(db, 'posts', ['id'], part);
  for (const part of chunk(prefs, ROWS_PER_INSERT))
    await bulkUpsert(db, 'community_prefs', ['community_id'], part);
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
