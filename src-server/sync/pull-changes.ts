import type { ReadDb } from '#shared/node/open-database';
import type { PullPage, PullQuery } from '#shared/wire/sync';
import type { ServerDb } from '../db/schema.ts';
import { findCurrentSeq } from '../repos/change-seq.repo.ts';
import { listChangesSince } from '../repos/people.repo.ts';

/** One page of changes after `since`, by seq, and the cursor to pull from next. */
export async function pullChanges(db: ReadDb<ServerDb>, { since, limit }: PullQuery): Promise<PullPage> {
  // Read the head first: a write committing between the two reads then lands after the returned cursor.
  const head = await findCurrentSeq(db);
  const rows = await listChangesSince(db, since, head, limit + 1);
  const changes = rows.slice(0, limit);
  const last = changes[changes.length - 1];
  return {
    changes,
    cursor: last ? last.seq : Math.max(since, head),
    hasMore: rows.length > limit,
  };
}
