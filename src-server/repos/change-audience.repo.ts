import type { ReadDb } from '#shared/node/open-database';
import type { ServerDb } from '../db/schema.ts';
import { writtenIn, type ChangeRange } from './change-range.ts';
import { inReadableCommunity } from './community-sql.ts';

/** Whose view the changes in a seq range touched: everyone, or only these people. */
export interface ChangeAudience {
  everyone: boolean;
  personIds: string[];
}

const EVERYONE: ChangeAudience = { everyone: true, personIds: [] };

/**
 * Who must hear about the rows written in (since, upTo], judged on the rows as they are now (the same rule
 * the pull applies): people, shared connections (and one that stopped being shared: others drop it),
 * communities that are not private (or just turned private: non-members drop them), and their memberships
 * and posts reach everyone; a private connection, a note or a community preference reaches its owner; a
 * private community's rows reach its members (the community row and a membership also the person who asked
 * to join). Every query reads a seq range through its index, except notes (indexed by owner first).
 */
export async function findChangeAudience(db: ReadDb<ServerDb>, range: ChangeRange): Promise<ChangeAudience> {
  if (range.upTo <= range.since) return { everyone: false, personIds: [] };
  for (const query of everyoneQueries(db, range)) {
    if (await query.executeTakeFirst()) return EVERYONE;
  }
  const rows = await personalQuery(db, range).execute();
  return { everyone: false, personIds: [...new Set(rows.map((r) => r.person_id))] };
}

/** One row (or none) each: a change in this range that everyone connected must hear about. */
function everyoneQueries(db: ReadDb<ServerDb>, range: ChangeRange) {
  const { since } = range;
  const people = db.selectFrom('people').select('seq').$call(writtenIn(range));
  const connections = db
    .selectFrom('connections')
    .select('seq')
    .$call(writtenIn(range))
    .where((eb) => eb.or([eb('visibility', '=', 'shared'), eb('unshared_seq', '>', since)]));
  const communities = db
    .selectFrom('communities')
    .select('seq')
    .$call(writtenIn(range))
    .where((eb) => eb.or([eb('visibility', '!=', 'private'), eb('unshared_seq', '>', since)]));
  const memberships = db
    .selectFrom('memberships')
    .select('seq')
    .$call(writtenIn(range))
    .where(inReadableCommunity('memberships.community_id'));
  const posts = db
    .selectFrom('posts')
    .select('seq')
    .$call(writtenIn(range))
    .where(inReadableCommunity('posts.community_id'));
  return [people.limit(1), connections.limit(1), communities.limit(1), memberships.limit(1), posts.limit(1)];
}

/** The people who must hear about the rest: owners of personal rows and members of private communities. */
function personalQuery(db: ReadDb<ServerDb>, range: ChangeRange) {
  const connectionOwners = db
    .selectFrom('connections')
    .select('owner_id as person_id')
    .$call(writtenIn(range));
  const noteOwners = db.selectFrom('notes').select('owner_id as person_id').$call(writtenIn(range));
  const prefOwners = db.selectFrom('community_prefs').select('owner_id as person_id').$call(writtenIn(range));
  // Private communities only here: changes to the others reached everyone.
  const changedCommunities = db.selectFrom('communities').select('id').$call(writtenIn(range));
  // A private community's row is seen by those who asked to join as well.
  const seeingIt = db
    .selectFrom('memberships')
    .select('person_id')
    .where('deleted', '=', 0)
    .where('community_id', 'in', changedCommunities);
  const readingIt = db
    .selectFrom('memberships')
    .select('person_id')
    .where('deleted', '=', 0)
    .where('status', '=', 'active')
    .where('community_id', 'in', (eb) =>
      eb
        .selectFrom('memberships')
        .select('community_id')
        .$call(writtenIn(range))
        .union(eb.selectFrom('posts').select('community_id').$call(writtenIn(range))),
    );
  // A changed membership reaches its own person too: one who asked to join, left, or was removed.
  const membershipPeople = db.selectFrom('memberships').select('person_id').$call(writtenIn(range));
  return connectionOwners
    .union(noteOwners)
    .union(prefOwners)
    .union(seeingIt)
    .union(readingIt)
    .union(membershipPeople);
}
