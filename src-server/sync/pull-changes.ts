import type { ReadDb } from '#shared/node/open-database';
import type { Change, PullPage, PullQuery } from '#shared/wire/sync';
import { KithError } from '#shared/errors';
import type { ServerDb } from '../db/schema.ts';
import { findCurrentSeq } from '../repos/change-seq.repo.ts';
import { listChangesFor } from '../repos/changes.repo.ts';
import { findNotesPullEnd } from '../repos/notes.repo.ts';
import { findDatasetId } from '../repos/server-meta.repo.ts';

/** One page of the changes in a viewer's view after `since`, by seq, and the cursor to pull from next. */
export async function pullChanges(
  db: ReadDb<ServerDb>,
  viewerId: string,
  { since, limit }: PullQuery,
): Promise<PullPage> {
  // Read the head first: a write committing between the two reads then lands after the returned cursor.
  const [head, dataset] = await Promise.all([findCurrentSeq(db), findDatasetId(db)]);
  assertKnownCursor(since, head);
  // Notes can be megabytes each: the page ends early where its notes reach their byte budget.
  const upTo = await findNotesPullEnd(db, viewerId, { since, upTo: head, limit: limit + 1 });
  const rows = await listChangesFor(db, viewerId, { since, upTo, limit: limit + 1 });
  const full = rows.length > limit;
  const changes = full ? wholeSeqs(rows, limit) : rows;
  const hasMore = full || upTo < head;
  // A short page saw every change up to upTo, including those outside this viewer's view.
  const cursor = full ? (changes.at(-1)?.seq ?? upTo) : upTo;
  return { dataset, changes, cursor, hasMore };
}

/**
 * The first `limit` of these changes, less those sharing the seq of the first one left out: one row can
 * yield two changes (a membership and its community), and the next page starts after the cursor's seq, so
 * a page never ends between them. When that leaves nothing (limit 1), the whole seq goes: both changes.
 */
function wholeSeqs(rows: readonly Change[], limit: number): Change[] {
  const cut = rows[limit]?.seq ?? Infinity;
  const before = rows.slice(0, limit).filter((c) => c.seq < cut);
  return before.length > 0 ? before : rows.filter((c) => c.seq === cut);
}

/** A cursor past the head was never handed out here (the data was restored or rebuilt): start over. */
export function assertKnownCursor(cursor: number, head: number) {
  if (cursor > head) {
    throw new KithError(
      'cursor_reset',
      `Cursor ${cursor} is ahead of this server's changes (${head}): bootstrap again`,
    );
  }
}
