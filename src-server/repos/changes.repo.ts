import { sql, type SqlBool } from 'kysely';
import type { ReadDb } from '#shared/node/open-database';
import type { Change } from '#shared/wire/sync';
import type { ServerDb } from '../db/schema.ts';
import type { ChangeRange } from './change-range.ts';
import { selectChanges, type EntityFeed } from './change-feed.ts';
import { communityChangeQueries } from './community-changes.repo.ts';
import { CONNECTION_JSON, SHARED_CONNECTION_JSON } from './connection-row.ts';
import { NOTE_JSON } from './notes.repo.ts';
import { PERSON_JSON } from './people.repo.ts';

const PERSON_FEED: EntityFeed = { entity: 'person', value: PERSON_JSON, deleteKeys: { id: 'id' } };
const CONNECTION_FEED: EntityFeed = {
  entity: 'connection',
  value: CONNECTION_JSON,
  deleteKeys: { personId: 'person_id' },
};
const SHARED_AND_LIVE = sql<SqlBool>`visibility = 'shared' and deleted = 0`;
/** Others' connections: upserted while shared and live, else deleted. */
const SHARED_CONNECTION_FEED: EntityFeed = {
  entity: 'shared_connection',
  value: SHARED_CONNECTION_JSON,
  deleteKeys: { ownerId: 'owner_id', personId: 'person_id' },
  upsertWhen: SHARED_AND_LIVE,
};
const NOTE_FEED: EntityFeed = { entity: 'note', value: NOTE_JSON, deleteKeys: { id: 'id' } };

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
  const people = db.selectFrom('people').$call(selectChanges(range, PERSON_FEED));
  const own = db
    .selectFrom('connections')
    .where('owner_id', '=', viewerId)
    .$call(selectChanges(range, CONNECTION_FEED));
  const others = db
    .selectFrom('connections')
    .where('owner_id', '!=', viewerId)
    .$call(selectChanges(range, SHARED_CONNECTION_FEED))
    .where((eb) => eb.or([SHARED_AND_LIVE, eb('unshared_seq', '>', since)]));
  const notes = db
    .selectFrom('notes')
    .where('owner_id', '=', viewerId)
    .$call(selectChanges(range, NOTE_FEED));
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
