import type { Kysely, Transaction } from 'kysely';
import { bulkInsert } from '#shared/node/bulk-insert';
import type { ServerDb } from '../db/schema.ts';
import { reserveSeqs } from '../repos/change-seq.repo.ts';
import { hasPeople, insertPeople } from '../repos/people.repo.ts';
import { upsertMeta } from '../repos/server-meta.repo.ts';
import { generateCommunities, type DemoCommunities } from './generate-communities.ts';
import { generateConnections, type DemoConnectionRow } from './generate-connections.ts';
import { DEFAULT_DEMO_SEED, generateOrg, type DemoOrgOptions } from './generate-org.ts';

export interface SeedDemoOptions extends DemoOrgOptions {
  /** The end of the generated history, communities' and connections' (ms); default: the current time. */
  now?: number;
  /** false: people only, without communities or connections (tests and benchmarks of the people sync). */
  communities?: boolean;
  /** false: no generated connections (tests of the connections sync start from what they write). */
  connections?: boolean;
}

/**
 * Fills an empty database with a generated org, its communities and people's connections, in one
 * transaction, and records its demo user. A database that already has people keeps them. Returns whether
 * it seeded.
 */
export async function seedDemoOrg(db: Kysely<ServerDb>, options: SeedDemoOptions): Promise<boolean> {
  if (await hasPeople(db)) return false;
  const {
    now = Date.now(),
    communities = true,
    connections: withConnections = true,
    ...orgOptions
  } = options;
  const org = generateOrg(orgOptions);
  const seed = orgOptions.seed ?? DEFAULT_DEMO_SEED;
  const generated = communities ? generateCommunities(org, { seed, now }) : null;
  const connections =
    generated && withConnections ? generateConnections(org, { seed, now, communities: generated }) : [];
  await db.transaction().execute(async (trx) => {
    await insertPeople(trx, org.people);
    if (generated) await insertDemoCommunities(trx, generated);
    await insertDemoConnections(trx, connections);
    await upsertMeta(trx, 'demo_user_id', org.demoUserId);
  });
  return true;
}

/** Inserts the generated rows with consecutive seqs from the change sequence, parents before children. */
export async function insertDemoCommunities(trx: Transaction<ServerDb>, data: DemoCommunities) {
  const { communities, memberships, posts, prefs } = data;
  const total = communities.length + memberships.length + posts.length + prefs.length;
  if (total === 0) return;
  let seq = await reserveSeqs(trx, total);
  seq = await insertWithSeqs(trx, 'communities', communities, seq);
  seq = await insertWithSeqs(trx, 'memberships', memberships, seq);
  seq = await insertWithSeqs(trx, 'posts', posts, seq);
  await insertWithSeqs(trx, 'community_prefs', prefs, seq);
}

/** Inserts the connections after everything else, with the next seqs, in the order given (by owner, person). */
export async function insertDemoConnections(trx: Transaction<ServerDb>, rows: readonly DemoConnectionRow[]) {
  if (rows.length === 0) return;
  await insertWithSeqs(trx, 'connections', rows, await reserveSeqs(trx, rows.length));
}

type SeededTable = 'communities' | 'memberships' | 'posts' | 'community_prefs' | 'connections';

/** Rows are turned into statement values this many at a time, so a million rows are never copied at once. */
const INSERT_CHUNK = 50_000;

/** Bulk-inserts rows that lack only their seq, numbering them from `firstSeq`; returns the next free seq. */
async function insertWithSeqs<T extends SeededTable>(
  trx: Transaction<ServerDb>,
  table: T,
  rows: readonly Omit<ServerDb[T], 'seq'>[],
  firstSeq: number,
): Promise<number> {
  const first = rows[0];
  if (!first) return firstSeq;
  const columns = Object.keys(first) as (keyof Omit<ServerDb[T], 'seq'> & string)[];
  // Every seeded table has a seq column; TypeScript cannot see it through the generic table name.
  const withSeq = [...columns, 'seq'] as (keyof ServerDb[T] & string)[];
  for (let start = 0; start < rows.length; start += INSERT_CHUNK) {
    const chunk = rows.slice(start, start + INSERT_CHUNK);
    const values = chunk.map((row, i) => [...columns.map((c) => row[c]), firstSeq + start + i]);
    await bulkInsert(trx, table, withSeq, values);
  }
  return firstSeq + rows.length;
}
