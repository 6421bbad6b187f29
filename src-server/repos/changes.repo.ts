import { sql } from 'kysely';
import type { ReadDb } from '#shared/node/open-database';
import type { Change } from '#shared/wire/sync';
import type { ServerDb } from '../db/schema.ts';
import { writtenIn, type ChangeRange } from './change-range.ts';
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
 * written as JSON by SQLite (the route's schema checks it), ordered by seq, then `tie` where one row
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
    .select([
      'seq',
      sql<number>`1`.as('tie'),
      sql<string>`case when deleted = 1
        then json_object('entity', 'person', 'op', 'delete', 'seq', seq, 'id', id)
        else json_object('entity', 'person', 'op', 'upsert', 'seq', seq, 'value', ${PERSON_JSON}) end`.as(
        'change',
      ),
    ])
    .$call(writtenIn(range));
  const own = db
    .selectFrom('connections')
    .select([
      'seq',
      sql<number>`1`.as('tie'),
      sql<string>`case when deleted = 1
        then json_object('entity', 'connection', 'op', 'delete', 'seq', seq, 'personId', person_id)
        else json_object('entity', 'connection', 'op', 'upsert', 'seq', seq, 'value', ${CONNECTION_JSON}) end`.as(
        'change',
      ),
    ])
    .where('owner_id', '=', viewerId)
    .$call(writtenIn(range));
  const others = db
    .selectFrom('connections')
    .select([
      'seq',
      sql<number>`1`.as('tie'),
      sql<string>`case when visibility = 'shared' and deleted = 0
        then json_object('entity', 'shared_connection', 'op', 'upsert', 'seq', seq,
          'value', ${SHARED_CONNECTION_JSON})
        else json_object('entity', 'shared_connection', 'op', 'delete', 'seq', seq,
          'ownerId', owner_id, 'personId', person_id) end`.as('change'),
    ])
    .where('owner_id', '!=', viewerId)
    .$call(writtenIn(range))
    .where((eb) =>
      eb.or([
        eb.and([eb('visibility', '=', 'shared'), eb('deleted', '=', 0)]),
        eb('unshared_seq', '>', since),
      ]),
    );
  const notes = db
    .selectFrom('notes')
    .select([
      'seq',
      sql<number>`1`.as('tie'),
      sql<string>`case when deleted = 1
        then json_object('entity', 'note', 'op', 'delete', 'seq', seq, 'id', id)
        else json_object('entity', 'note', 'op', 'upsert', 'seq', seq, 'value', ${NOTE_JSON}) end`.as(
        'change',
      ),
    ])
    .where('owner_id', '=', viewerId)
    .$call(writtenIn(range));
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
