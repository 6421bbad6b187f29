import type { Kysely } from 'kysely';
import { applyServerRows, snapshotRowChanges } from '../communities/apply-community-changes.ts';
import type { LocalDb } from '../store/local-db.ts';
import { readState, writeState } from '../store/local-state.repo.ts';
import type { ServerClient } from './server-client.ts';

/**
 * Fetches the private communities the user just gained (listed by the pull that brought the membership) and
 * applies each in one transaction with its removal from the list: pulls bring only what changes later, so
 * their older members and posts come from here, once. A row already held at a later seq (a pull got there
 * first) is kept; one under a pending local write gets its server version updated beneath it. A failed fetch
 * leaves the community listed for the next sync. Returns how many rows changed.
 */
export async function fetchCommunitySnapshots(
  db: Kysely<LocalDb>,
  client: ServerClient,
  stopped: () => boolean,
): Promise<number> {
  let changed = 0;
  for (const communityId of (await readState(db, 'communitySnapshotsDue')) ?? []) {
    if (stopped()) break;
    const snapshot = await client.communitySnapshot(communityId);
    changed += await db.transaction().execute(async (trx) => {
      const due = (await readState(trx, 'communitySnapshotsDue')) ?? [];
      await writeState(
        trx,
        'communitySnapshotsDue',
        due.filter((id) => id !== communityId),
      );
      // Of another history (the server was rebuilt meanwhile): the cursor reset that follows starts over.
      if (!snapshot || snapshot.dataset !== (await readState(trx, 'dataset'))) return 0;
      const { changed } = await applyServerRows(trx, snapshotRowChanges(snapshot), { skipOlder: true });
      return changed;
    });
  }
  return changed;
}
