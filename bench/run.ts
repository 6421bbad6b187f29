import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { generateOrg } from '#server/demo/generate-org';
import { benchBootstrap } from './bootstrap.bench.ts';
import { benchCommunities } from './communities.bench.ts';
import { benchDirectoryChange } from './directory-change.bench.ts';
import { benchGraph } from './graph.bench.ts';
import { benchGraphLayout } from './graph-layout.bench.ts';
import { benchHrImport } from './hr-import.bench.ts';
import { benchNotesSearch } from './notes.bench.ts';
import { benchPush } from './push.bench.ts';
import { benchScim } from './scim.bench.ts';
import { benchSearch } from './search.bench.ts';
import { benchSse } from './sse.bench.ts';
import { startServerProcess } from './support/server-process.ts';

/** `npm run bench`: every benchmark, JSON lines on stdout and in bench/results/. KITH_BENCH_QUICK=1 for a smoke run. */
const quick = process.env.KITH_BENCH_QUICK === '1';
const size = quick ? 2000 : 100_000;
const cache = join(import.meta.dirname, '.cache');
await mkdir(cache, { recursive: true });

// Local reads only (no server): run first, on a quiet machine.
await benchCommunities({
  workDir: join(cache, 'clients'),
  members: quick ? 500 : 5000,
  posts: quick ? 5000 : 50_000,
  healthRuns: quick ? 5 : 20,
  feedRuns: quick ? 10 : 50,
});
await benchGraphLayout({ nodes: quick ? 1000 : 5000, edges: quick ? 4000 : 20_000, seed: 1 });
await benchGraph({ workDir: join(cache, 'clients'), size, runs: quick ? 10 : 50 });

// Its own server (SCIM on, an empty directory): sequential provisioning requests as Entra ID sends them.
await benchScim({ workDir: cache, users: quick ? 500 : 10_000, patches: quick ? 100 : 1000 });

const org = generateOrg({ size }); // the server seeds the same org: same size, same default seed
const server = await startServerProcess([
  '--port',
  '0',
  '--demo',
  String(size),
  // People only: the bootstrap is measured against a raw insert of the same people.
  '--people-only',
  '--data',
  join(cache, `server-${size}-people`),
]);
try {
  const core = await benchBootstrap({
    serverUrl: server.url,
    people: org.people,
    workDir: join(cache, 'clients'),
    runs: quick ? 1 : 3,
  });
  await benchSearch({ core, people: org.people, queries: 1000, fuseQueries: quick ? 20 : 50 });
  await core.close();
  await benchPush({
    serverUrl: server.url,
    people: org.people,
    workDir: join(cache, 'clients'),
    writes: quick ? 500 : 10_000,
  });
  await benchSse({
    serverUrl: server.url,
    serverPid: server.child.pid!,
    people: org.people,
    connections: quick ? 200 : 2000,
  });
  await benchNotesSearch({
    serverUrl: server.url,
    people: org.people,
    workDir: join(cache, 'clients'),
    notes: quick ? 500 : 10_000,
    queries: 1000,
  });
} finally {
  await server.stop();
}

// The directory's side: an HR import into an empty server and again, and a change reaching an open core.
await benchHrImport({ workDir: join(cache, 'hr-import'), size });
await benchDirectoryChange({ workDir: join(cache, 'directory-change'), size, changed: quick ? 500 : 1000 });
