import type { ReadDb } from '#shared/node/open-database';
import type { ServerDb } from '../db/schema.ts';
import type { ChangeRange } from './community-changes.repo.ts';

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
export async function findChangeAudience(
  db: ReadDb<ServerDb>,
  { since, upTo }: ChangeRange,
): Promise<ChangeAudience> {
  if (upTo <= since) return { everyone: false, personIds: [] };
  for (const query of everyoneQueries(db, { since, upTo })) {
    if (await query.executeTakeFirst()) return EVERYONE;
  }
  const rows = await personalQuery(db, { since, upTo }).execute();
  return { everyone: false, personIds: [...new Set(rows.map((r) => r.person_id))] };
}

/** One row (or none) each: a change in this range that everyone connected must hear about. */
function everyoneQueries(db: ReadDb<ServerDb>, { since, upTo }: ChangeRange) {
  const people = db.selectFrom('people').select('seq').where('seq', '>', since).where('seq', '<=', upTo);
  const connections = db
    .selectFrom('connections')
    .select('seq')
    .where('seq', '>', since)
    .where('seq', '<=', upTo)
    .where((eb) => eb.or([eb('visibility', '=', 'shared'), eb('unshared_seq', '>', since)]));
  const communities = db
    .selectFrom('communities')
    .select('seq')
    .where('seq', '>', since)
    .where('seq', '<=', upTo)
    .where((eb) => eb.or([eb('visibility', '!=', 'private'), eb('unshared_seq', '>', since)]));
  const memberships = db
    .selectFrom('memberships')
    .innerJoin('communities', 'communities.id', 'memberships.community_id')
    .select('memberships.seq')
    .where('memberships.seq', '>', since)
    .where('memberships.seq', '<=', upTo)
    .where('communities.visibility', '!=', 'private');
  const posts = db
    .selectFrom('posts')
    .innerJoin('communities', 'communities.id', 'posts.community_id')
    .select('posts.seq')
    .where('posts.seq', '>', since)
    .where('posts.seq', '<=', upTo)
    .where('communities.visibility', '!=', 'private');
  return [people.limit(1), connections.limit(1), communities.limit(1), memberships.limit(1), posts.limit(1)];
}

/** The people who must hear about the rest: owners of personal rows and members of private communities. */
function personalQuery(db: ReadDb<ServerDb>, { since, upTo }: ChangeRange) {
  const connectionOwners = db
    .selectFrom('connections')
    .select('owner_id as person_id')
    .where('seq', '>', since)
    .where('seq', '<=', upTo);
  const noteOwners = db
    .selectFrom('notes')
    .select('owner_id as person_id')
    .where('seq', '>', since)
    .where('seq', '<=', upTo);
  const prefOwners = db
    .selectFrom('community_prefs')
    .select('owner_id as person_id')
    .where('seq', '>', since)
    .where('seq', '<=', upTo);
  // Private communities only here: changes to the others reached everyone.
  const changedCommunities = db
    .selectFrom('communities')
    .select('id')
    .where('seq', '>', since)
    .where('seq', '<=', upTo);
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
        .where('seq', '>', since)
        .where('seq', '<=', upTo)
        .union(
          eb.selectFrom('posts').select('community_id').where('seq', '>', since).where('seq', '<=', upTo),
        ),
    );
  // A changed membership reaches its own person too: one who asked to join, left, or was removed.
  const membershipPeople = db
    .selectFrom('memberships')
    .select('person_id')
    .where('seq', '>', since)
    .where('seq', '<=', upTo);
  return connectionOwners
    .union(noteOwners)
    .union(prefOwners)
    .union(seeingIt)
    .union(readingIt)
    .union(membershipPeople);
}
