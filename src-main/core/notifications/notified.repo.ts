import type { Kysely } from 'kysely';
import type { CommunityRole, PostKind } from '#shared/domain/community';
import type { ReadDb, WriteDb } from '#shared/node/open-database';
import type { LocalDb } from '../store/local-db.ts';
import { writeState } from '../store/local-state.repo.ts';
import type { SyncedItem } from './notification-rules.ts';

/** Well past the 7 days after which an item is never notified, so a pruned id can never come back. */
export const NOTIFIED_RETENTION_MS = 30 * 24 * 60 * 60 * 1000;
/** Rows per statement: two variables each, well under SQLite's limit. */
const ROWS_PER_STATEMENT = 400;

/** The ids already notified: what decideNotifications must not show again. */
export async function listNotifiedIds(db: ReadDb<LocalDb>): Promise<Set<string>> {
  const rows = await db.selectFrom('notified_items').select('item_id').execute();
  return new Set(rows.map((r) => r.item_id));
}

/** Remembers ids as notified at `at`; an id already there keeps its first time. */
async function insertNotifiedIds(db: WriteDb<LocalDb>, ids: readonly string[], at: number) {
  for (let i = 0; i < ids.length; i += ROWS_PER_STATEMENT) {
    const rows = ids.slice(i, i + ROWS_PER_STATEMENT).map((id) => ({ item_id: id, notified_at: at }));
    await db
      .insertInto('notified_items')
      .values(rows)
      .onConflict((oc) => oc.column('item_id').doNothing())
      .execute();
  }
}

/** Forgets ids notified more than the retention ago; returns how many went. */
async function deleteExpiredNotifiedIds(db: WriteDb<LocalDb>, now: number): Promise<number> {
  const result = await db
    .deleteFrom('notified_items')
    .where('notified_at', '<', now - NOTIFIED_RETENTION_MS)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

/**
 * Records one decision, the seq of the last post it judged, and prunes, in one transaction: a crash never
 * half-records it, so the posts are judged again or never.
 */
export async function recordNotifiedIds(
  db: Kysely<LocalDb>,
  ids: readonly string[],
  now: number,
  watermark: number,
) {
  await db.transaction().execute(async (trx) => {
    await insertNotifiedIds(trx, ids, now);
    await deleteExpiredNotifiedIds(trx, now);
    await writeState(trx, 'notifyWatermark', watermark);
  });
}

/** The posts of one sync as the rules read them: community, author, author's role and question's author. */
export async function listNotificationCandidates(
  db: ReadDb<LocalDb>,
  postIds: readonly string[],
): Promise<SyncedItem[]> {
  if (postIds.length === 0) return [];
  const items: SyncedItem[] = [];
  for (let i = 0; i < postIds.length; i += ROWS_PER_STATEMENT) {
    const rows = await db
      .selectFrom('posts as p')
      .innerJoin('communities as c', 'c.id', 'p.community_id')
      .leftJoin('people as a', 'a.id', 'p.author_id')
      .leftJoin('memberships as m', (j) =>
        j
          .onRef('m.community_id', '=', 'p.community_id')
          .onRef('m.person_id', '=', 'p.author_id')
          .on('m.status', '=', 'active'),
      )
      .leftJoin('posts as q', 'q.id', 'p.parent_id')
      .select([
        'p.id',
        'p.community_id',
        'c.name as community_name',
        'p.author_id',
        'a.name as author_name',
        'm.role',
        'p.kind',
        'p.parent_id',
        'q.author_id as parent_author_id',
        'p.title',
        'p.body',
        'p.event_starts_at',
        'p.created_at',
      ])
      .where('p.id', 'in', postIds.slice(i, i + ROWS_PER_STATEMENT))
      .where('c.archived', '=', 0)
      .orderBy('p.created_at')
      .orderBy('p.id')
      .execute();
    for (const r of rows) {
      items.push({
        id: r.id,
        communityId: r.community_id,
        communityName: r.community_name,
        authorId: r.author_id,
        authorName: r.author_name ?? 'Someone',
        authorRole: (r.role ?? null) as CommunityRole | null,
        kind: r.kind as PostKind,
        parentId: r.parent_id,
        parentAuthorId: r.parent_author_id ?? null,
        title: r.title,
        body: r.body,
        eventStartsAt: r.event_starts_at,
        createdAt: r.created_at,
      });
    }
  }
  return items;
}
