import { sql } from 'kysely';
import type { ReadDb } from '#shared/node/open-database';
import type { Change } from '#shared/wire/sync';
import type { ServerDb } from '../db/schema.ts';
import type { ChangeRange } from './change-range.ts';
import { selectChanges } from './change-feed.ts';
import { communityChangeQueries } from './community-changes.repo.ts';
import { CONNECTION_JSON, SHARED_CONNECTION_JSON } from './connection-row.ts';
import { NOTE_JSON } from './notes.repo.ts';
import { PERSON_JSON } from './people.repo.ts';

/**
 * What changed in a viewer's view in (since, upTo], by seq, at most `limit`: people; the viewer's own
 * connections, whole; others' connections as SharedConnection while shared and live, else a delete — only
 * when it stopped being visible after `since`, so a connection that was always private never shows; the
 * viewer's own notes (ciphertext), never anyone else's; communities, memberships, posts and the viewer's
 * community preferences as community-changes.repo.ts says. One UNION ALL over the tables, each Change
 * written as JSON by the database (the route's schema checks it), ordered by seq, then `tie` where one row
 * yields two changes.
 */
export async function listChangesFor(
  db: ReadDb<ServerDb>,
  viewerId: string,
  { limit, ...range }: ChangeRange & { limit: number },
): Promise<Change[]> {
  const { since } = range;
  const people = db
    .selectFrom('people')
    .$call(selectChanges(range, { entity: 'person', value: PERSON_JSON, deletes: { keys: { id: 'id' } } }));
  const own = db
    .selectFrom('connections')
    .where('owner_id', '=', viewerId)
    .$call(
      selectChanges(range, {
        entity: 'connection',
        value: CONNECTION_JSON,
        deletes: { keys: { personId: 'person_id' } },
      }),
    );
  const others = db
    .selectFrom('connections')
    .where('owner_id', '!=', viewerId)
    .$call(
      selectChanges(range, {
        entity: 'shared_connection',
        value: SHARED_CONNECTION_JSON,
        deletes: {
          keys: { ownerId: 'owner_id', personId: 'person_id' },
          upsertWhen: sql`visibility = 'shared' and deleted = 0`,
        },
      }),
    )
    .where((eb) =>
      eb.or([
        eb.and([eb('visibility', '=', 'shared'), eb('deleted', '=', 0)]),
        eb('unshared_seq', '>', since),
      ]),
    );
  const notes = db
    .selectFrom('notes')
    .where('owner_id', '=', viewerId)
    .$call(selectChanges(range, { entity: 'note', value: NOTE_JSON, deletes: { keys: { id: 'id' } } }));
  const [communities, gainedOrLost, memberships, posts, prefs] = communityChangeQueries(db, viewerId, range);
  const rows = await people
    .unionAll(own)
    .unionAll(others)
    .unionAll(notes)
    .unionAll(communities)
    .unionAll(gainedOrLost)
    .unionAll(memberships)
    .unionAll(posts)
    .unionAll(prefs)
    .orderBy('seq')
    .orderBy('tie')
    .limit(limit)
    .execute();
  return rows.map((row) => JSON.parse(row.change) as Change);
}
