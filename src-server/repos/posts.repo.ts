import type { Kysely } from 'kysely';
import type { Post } from '#shared/domain/community';
import { bulkUpsert } from '#shared/node/bulk-insert';
import { fromPostColumns, toPostColumns } from '#shared/node/community-columns';
import type { ReadDb } from '#shared/node/open-database';
import type { PostsTable, ServerDb } from '../db/schema.ts';
import { inTransaction } from '../db/in-transaction.ts';
import { reserveSeqs } from './change-seq.repo.ts';
import { POST_JSON, readsCommunity } from './community-sql.ts';
import { linesSection } from './snapshot-rows.ts';

/** A post as stored: a tombstone keeps its community, author, kind and parent. */
export type StoredPost = Post & { deleted: boolean };

/** The post with this id, tombstones included (post ids are never reused), or undefined. */
export async function findStoredPost(db: ReadDb<ServerDb>, id: string): Promise<StoredPost | undefined> {
  const row = await db.selectFrom('posts').selectAll().where('id', '=', id).executeTakeFirst();
  return row && { ...fromPostColumns(row), deleted: row.deleted === 1 };
}

/** The live post with this id, or undefined (none, or deleted). */
export async function findPost(db: ReadDb<ServerDb>, id: string): Promise<Post | undefined> {
  const stored = await findStoredPost(db, id);
  if (!stored || stored.deleted) return undefined;
  const { deleted: _deleted, ...post } = stored;
  return post;
}

/**
 * Inserts or replaces a post with a new seq, in the caller's transaction or a new one. A tombstone keeps
 * what places it (community, author, kind, parent, times) and drops what was written.
 */
export async function writePost(db: Kysely<ServerDb>, post: StoredPost): Promise<number> {
  return inTransaction(db, async (trx) => {
    const seq = await reserveSeqs(trx, 1);
    const kept = post.deleted
      ? { ...post, title: null, body: '', event: null, acceptedAnswerId: null }
      : post;
    const row: PostsTable = { ...toPostColumns(kept), deleted: post.deleted ? 1 : 0, seq };
    await bulkUpsert(trx, 'posts', ['id'], [row]);
    return seq;
  });
}

/** Posts that are no tombstone. */
const livePosts = (db: ReadDb<ServerDb>) => db.selectFrom('posts').where('deleted', '=', 0);

/** A community's live posts, by id. */
export async function listPosts(db: ReadDb<ServerDb>, communityId: string): Promise<Post[]> {
  const rows = await livePosts(db)
    .selectAll()
    .where('community_id', '=', communityId)
    .orderBy('id')
    .execute();
  return rows.map(fromPostColumns);
}

/** The snapshot's posts section: the live posts the viewer may read, by id. */
export const postsSection = linesSection({
  type: 'post',
  value: POST_JSON,
  key: ['id'],
  rows: (db, { viewerId, cursor }) =>
    livePosts(db).where('seq', '<=', cursor).where(readsCommunity(viewerId, 'posts.community_id')),
});
