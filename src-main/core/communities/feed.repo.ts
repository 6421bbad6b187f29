import type { Selectable } from 'kysely';
import type { z } from 'zod';
import type { FeedItem, FeedPage, FeedQuery } from '#shared/domain/community';
import type { PersonSummary } from '#shared/domain/person';
import { chunk, type ReadDb } from '#shared/node/open-database';
import { toSummary } from '../directory/directory.repo.ts';
import type { LocalDb, PostsTable } from '../store/local-db.ts';
import { postKey } from './community-mutation.ts';
import { fromPostColumns } from '#shared/node/community-columns';

/** Ids per `in (…)` list: well under SQLite's limit of bound parameters. */
const IDS_PER_STATEMENT = 500;

export interface Viewer {
  personId: string;
}

/** Runs a lookup over ids in chunks and concatenates the rows. */
async function inChunks<R>(ids: readonly string[], lookup: (part: string[]) => Promise<R[]>): Promise<R[]> {
  const out: R[] = [];
  for (const part of chunk(ids, IDS_PER_STATEMENT)) out.push(...(await lookup(part)));
  return out;
}

/**
 * Posts as feeds show them (the community feed, a thread, Home's activity): one query per aspect for all the
 * rows (authors, answer counts, queued writes, read markers), never one per row.
 */
export async function buildFeedItems(
  db: ReadDb<LocalDb>,
  rows: readonly Selectable<PostsTable>[],
  viewer: Viewer,
): Promise<FeedItem[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const authorIds = [...new Set(rows.map((r) => r.author_id))];
  const communityIds = [...new Set(rows.map((r) => r.community_id))];
  const [authors, answers, pending, prefs] = await Promise.all([
    inChunks(authorIds, (part) =>
      db
        .selectFrom('people')
        .where('id', 'in', part)
        .select(['id', 'name', 'title', 'department', 'location', 'active'])
        .execute(),
    ),
    inChunks(ids, (part) =>
      db
        .selectFrom('posts')
        .where('parent_id', 'in', part)
        .where('kind', '=', 'answer')
        .select((eb) => ['parent_id', eb.fn.countAll<number>().as('n')])
        .groupBy('parent_id')
        .execute(),
    ),
    inChunks(ids.map(postKey), (part) =>
      db.selectFrom('outbox').where('entity_key', 'in', part).select('entity_key').distinct().execute(),
    ),
    inChunks(communityIds, (part) =>
      db
        .selectFrom('community_prefs')
        .where('community_id', 'in', part)
        .select(['community_id', 'last_read_at'])
        .execute(),
    ),
  ]);
  const authorById = new Map<string, PersonSummary>(authors.map((a) => [a.id, toSummary(a)]));
  const answerCount = new Map(answers.map((a) => [a.parent_id, Number(a.n)]));
  const pendingKeys = new Set(pending.map((p) => p.entity_key));
  const lastReadAt = new Map(prefs.map((p) => [p.community_id, p.last_read_at]));
  return rows.map((r) => ({
    post: fromPostColumns(r),
    author: authorById.get(r.author_id) ?? null,
    answerCount: answerCount.get(r.id) ?? 0,
    // No preference row: nothing read yet (NEW_COMMUNITY_PREF.lastReadAt is 0).
    unread: r.author_id !== viewer.personId && r.created_at > (lastReadAt.get(r.community_id) ?? 0),
    pending: pendingKeys.has(postKey(r.id)),
  }));
}

/**
 * A page of a community's feed, newest first, without answers (they live in their question's thread).
 * Keyset paging on (created_at desc, id desc): ties on created_at are split by id, so pages neither repeat
 * nor skip a post. The range on created_at lets SQLite walk posts_community_created from the cursor.
 */
export async function listFeedPage(
  db: ReadDb<LocalDb>,
  query: z.output<typeof FeedQuery>,
  viewer: Viewer,
): Promise<FeedPage> {
  let q = db.selectFrom('posts').selectAll().where('community_id', '=', query.communityId);
  q = query.kind ? q.where('kind', '=', query.kind) : q.where('kind', '!=', 'answer');
  const before = query.before;
  if (before) {
    q = q
      .where('created_at', '<=', before.createdAt)
      .where((eb) => eb.or([eb('created_at', '<', before.createdAt), eb('id', '<', before.id)]));
  }
  const rows = await q
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(query.limit + 1)
    .execute();
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    items: await buildFeedItems(db, page, viewer),
    next: rows.length > query.limit && last ? { createdAt: last.created_at, id: last.id } : null,
  };
}
