import type { ReadDb } from '#shared/node/open-database';
import type { PullPage, PullQuery } from '#shared/wire/sync';
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
  const changes = rows.slice(0, limit);
  const full = rows.length > limit;
  const hasMore = full || upTo < head;
  // A short page saw every change up to upTo, including those outside this viewer's view.
  const cursor = full ? (changes.at(-1)?.seq ?? upTo) : upTo;
  return { dataset, changes, cursor, hasMore };
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
