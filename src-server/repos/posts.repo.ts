import { sql, type Kysely } from 'kysely';
import type { Post, PostKind } from '#shared/domain/community';
import type { ReadDb } from '#shared/node/open-database';
import type { PostsTable, ServerDb } from '../db/schema.ts';
import { inTransaction } from '../db/in-transaction.ts';
import { reserveSeqs } from './change-seq.repo.ts';
import { POST_JSON, readsCommunity } from './community-sql.ts';

/** A post as stored: a tombstone keeps its community, author, kind and parent. */
export type StoredPost = Post & { deleted: boolean };

/** The post with this id, tombstones included (post ids are never reused), or undefined. */
export async function findStoredPost(db: ReadDb<ServerDb>, id: string): Promise<StoredPost | undefined> {
  const row = await db.selectFrom('posts').selectAll().where('id', '=', id).executeTakeFirst();
  return row && { ...toPost(row), deleted: row.deleted === 1 };
}

/** The live post with this id, or undefined (none, or deleted). */
export async function findPost(db: ReadDb<ServerDb>, id: string): Promise<Post | undefined> {
  const stored = await findStoredPost(db, id);
  if (!stored || stored.deleted) return undefined;
  const { deleted: _deleted, ...post } = stored;
  return post;
}

export function toPost(row: PostsTable): Post {
  return {
    id: row.id,
    communityId: row.community_id,
    authorId: row.author_id,
    kind: row.kind as PostKind,
    parentId: row.parent_id,
    title: row.title,
    body: row.body,
    event:
      row.event_starts_at === null ? null : { startsAt: row.event_starts_at, place: row.event_place ?? '' },
    acceptedAnswerId: row.accepted_answer_id,
    createdAt: row.created_at,
    editedAt: row.edited_at,
  };
}

/**
 * Inserts or replaces a post with a new seq, in the caller's transaction or a new one. A tombstone keeps
 * what places it (community, author, kind, parent, times) and drops what was written.
 */
export async function writePost(db: Kysely<ServerDb>, post: StoredPost): Promise<number> {
  return inTransaction(db, async (trx) => {
    const seq = await reserveSeqs(trx, 1);
    const gone = post.deleted;
    const row: PostsTable = {
      id: post.id,
      community_id: post.communityId,
      author_id: post.authorId,
      kind: post.kind,
      parent_id: post.parentId,
      title: gone ? null : post.title,
      body: gone ? '' : post.body,
      event_starts_at: gone ? null : (post.event?.startsAt ?? null),
      event_place: gone ? null : (post.event?.place ?? null),
      accepted_answer_id: gone ? null : post.acceptedAnswerId,
      created_at: post.createdAt,
      edited_at: post.editedAt,
      deleted: gone ? 1 : 0,
      seq,
    };
    const { id: _id, ...update } = row;
    await trx
      .insertInto('posts')
      .values(row)
      .onConflict((oc) => oc.column('id').doUpdateSet(update))
      .execute();
    return seq;
  });
}

/** A community's live posts, by id. */
export async function listPosts(db: ReadDb<ServerDb>, communityId: string): Promise<Post[]> {
  const rows = await db
    .selectFrom('posts')
    .selectAll()
    .where('community_id', '=', communityId)
    .where('deleted', '=', 0)
    .orderBy('id')
    .execute();
  return rows.map(toPost);
}

export interface PostSnapshotRange {
  viewerId: string;
  cursor: number;
  after?: string | undefined;
}

function visiblePosts(db: ReadDb<ServerDb>, { viewerId, cursor, after }: PostSnapshotRange) {
  let query = db
    .selectFrom('posts')
    .where('deleted', '=', 0)
    .where('seq', '<=', cursor)
    .where(readsCommunity(viewerId, 'posts.community_id'));
  if (after !== undefined) query = query.where('id', '>', after);
  return query;
}

export async function countPostsSnapshot(db: ReadDb<ServerDb>, range: PostSnapshotRange) {
  const row = await visiblePosts(db, range)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return row.n;
}

/** One keyset page of the live posts the viewer may read, by id, as NDJSON lines. */
export async function listPostsSnapshotLines(
  db: ReadDb<ServerDb>,
  range: PostSnapshotRange & { limit: number },
): Promise<{ key: string; line: string }[]> {
  return visiblePosts(db, range)
    .select(['id as key', sql<string>`json_object('type', 'post', 'value', ${POST_JSON})`.as('line')])
    .orderBy('id')
    .limit(range.limit)
    .execute();
}
