import type { Kysely, Transaction } from 'kysely';
import { bulkInsert } from '#shared/node/bulk-insert';
import type { ServerDb } from '../db/schema.ts';
import { reserveSeqs } from '../repos/change-seq.repo.ts';
import { hasPeople, insertPeople } from '../repos/people.repo.ts';
import { upsertMeta } from '../repos/server-meta.repo.ts';
import { generateCommunities, type DemoCommunities } from './generate-communities.ts';
import { DEFAULT_DEMO_SEED, generateOrg, type DemoOrgOptions } from './generate-org.ts';

export interface SeedDemoOptions extends DemoOrgOptions {
  /** The end of the communities' generated history (ms); default: the current time. */
  now?: number;
  /** false: people only, as before communities existed (tests and benchmarks of the people sync). */
  communities?: boolean;
}

/**
 * Fills an empty database with a generated org and its communities, in one transaction, and records its
 * demo user. A database that already has people keeps them. Returns whether it seeded.
 */
export async function seedDemoOrg(db: Kysely<ServerDb>, options: SeedDemoOptions): Promise<boolean> {
  if (await hasPeople(db)) return false;
  const { now = Date.now(), communities = true, ...orgOptions } = options;
  const org = generateOrg(orgOptions);
  const generated = communities
    ? generateCommunities(org, { seed: orgOptions.seed ?? DEFAULT_DEMO_SEED, now })
    : null;
  await db.transaction().execute(async (trx) => {
    await insertPeople(trx, org.people);
    if (generated) await insertDemoCommunities(trx, generated);
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

type SeededTable = 'communities' | 'memberships' | 'posts' | 'community_prefs';

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
  const values = rows.map((row, i) => [...columns.map((c) => row[c]), firstSeq + i]);
  // Every seeded table has a seq column; TypeScript cannot see it through the generic table name.
  await bulkInsert(trx, table, [...columns, 'seq'] as (keyof ServerDb[T] & string)[], values);
  return firstSeq + rows.length;
}
