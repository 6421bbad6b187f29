import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import { listFacets } from '#core/directory/directory.repo';
import { extractEgoGraph } from '#core/graph/ego-graph.repo';
import { findNetworkInsights } from '#core/graph/insights.repo';
import { findIntroductions } from '#core/graph/introductions';
import { openLocalDb, type LocalDb } from '#core/store/local-db';
import { upsertPeople } from '#core/store/people.repo';
import { generateConnections } from '#server/demo/generate-connections';
import { generateOrg } from '#server/demo/generate-org';
import { bulkInsert } from '#shared/node/bulk-insert';
import { CONNECTION_COLUMNS } from '#shared/node/connection-columns';
import { report } from './support/results.ts';
import { percentile, round } from './support/stats.ts';

export interface GraphBenchOptions {
  workDir: string;
  /** People in the org (the demo generator's; org L is 100,000). */
  size: number;
  runs: number;
}

async function timeRuns(runs: number, fn: (i: number) => Promise<unknown>) {
  await fn(-1); // warm the page cache and the prepared statements
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await fn(i);
    samples.push(performance.now() - started);
  }
  return {
    p50Ms: round(percentile(samples, 50), 2),
    p95Ms: round(percentile(samples, 95), 2),
    maxMs: round(Math.max(...samples), 2),
  };
}

/**
 * The demo org's people and connections in a local cache as the demo user's sync leaves it: their own
 * connections, and everyone else's shared ones. Written with multi-row INSERTs in one transaction.
 */
async function seedCache(db: Kysely<LocalDb>, size: number) {
  const org = generateOrg({ size });
  const rows = generateConnections(org, { now: Date.now() });
  const me = org.demoUserId;
  const mine = rows.filter((r) => r.owner_id === me);
  const shared = rows.filter((r) => r.owner_id !== me && r.visibility === 'shared');
  await db.transaction().execute(async (trx) => {
    await upsertPeople(
      trx,
      org.people.map((person) => ({ person, seq: 1 })),
      { fresh: true },
    );
    await bulkInsert(
      trx,
      'connections',
      CONNECTION_COLUMNS,
      mine.map((r) => CONNECTION_COLUMNS.map((c) => r[c])),
    );
    await bulkInsert(
      trx,
      'shared_connections',
      ['owner_id', 'person_id', 'kinds', 'strength', 'seq'],
      shared.map((r) => [r.owner_id, r.person_id, r.kinds, r.strength, 1]),
    );
  });
  return { me, people: org.people, mine: mine.length, shared: shared.length };
}

/** Ego network extraction, introductions and insights over the demo org's cache (local reads only). */
export async function benchGraph({ workDir, size, runs }: GraphBenchOptions) {
  const dir = join(workDir, `graph-${size}`);
  await rm(dir, { recursive: true, force: true });
  const db = await openLocalDb(dir);
  try {
    const seeded = await seedCache(db, size);
    let depth2 = { nodes: 0, edges: 0 };
    const ego2 = await timeRuns(runs, async () => {
      const g = await extractEgoGraph(db, seeded.me, 2);
      depth2 = { nodes: g.nodes.length, edges: g.edges.length };
    });
    const ego1 = await timeRuns(runs, () => extractEgoGraph(db, seeded.me, 1));
    report('graph.ego', {
      people: size,
      sharedConnections: seeded.shared,
      myConnections: seeded.mine,
      depth2: { ...depth2, ...ego2, goalMs: 50 },
      depth1: ego1,
    });

    // Targets spread over the org by a fixed stride, so every run asks the same questions.
    const stride = Math.floor(seeded.people.length / (runs + 1));
    let found = 0;
    const intro = await timeRuns(runs, async (i) => {
      const target = seeded.people[(i + 1) * stride]?.id ?? seeded.people[1]!.id;
      if (target === seeded.me) return;
      const r = await findIntroductions(db, seeded.me, target);
      if (i >= 0 && (r.direct || r.paths.length > 0)) found += 1;
    });
    report('graph.introductions', { people: size, ...intro, targetsWithAPath: `${found}/${runs}` });
    // The directory service keeps its facets until the data changes: counted once, as in the app.
    const facets = await listFacets(db);
    report('graph.insights', {
      people: size,
      ...(await timeRuns(Math.min(runs, 10), () => findNetworkInsights(db, seeded.me, facets))),
    });
  } finally {
    await db.destroy();
  }
}
