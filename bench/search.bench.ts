import Fuse from 'fuse.js';
import type { Core } from '#core/core-types';
import type { DirectoryQuery } from '#shared/domain/directory';
import type { Person } from '#shared/domain/person';
import { report } from './support/results.ts';
import { percentile, round } from './support/stats.ts';

/** A deterministic mix of what people type: name prefixes, full names, skills, titles, filters. */
export function makeQueries(people: readonly Person[], count: number, seed = 12345): DirectoryQuery[] {
  let state = seed;
  const rand = () => (state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)]!;
  const words = ['engineer', 'manager', 'director', 'senior', 'analyst', 'design', 'sales', 'data'];
  const queries: DirectoryQuery[] = [];
  while (queries.length < count) {
    const p = pick(people);
    const [first = '', last = ''] = p.name.split(' ');
    const r = rand();
    if (r < 0.3) queries.push({ text: first.slice(0, 2 + Math.floor(rand() * 4)) });
    else if (r < 0.45) queries.push({ text: p.name });
    else if (r < 0.6 && p.skills.length) queries.push({ text: pick(p.skills).toLowerCase().slice(0, 5) });
    else if (r < 0.7) queries.push({ text: last.slice(0, 3), department: p.department });
    else if (r < 0.8) queries.push({ text: pick(words) });
    else if (r < 0.9)
      queries.push(
        rand() < 0.5 ? { text: '', department: p.department } : { text: '', location: p.location },
      );
    else if (p.skills.length) queries.push({ text: `${pick(p.skills)} ${p.location}`.toLowerCase() });
  }
  return queries;
}

async function timeEach<T>(items: readonly T[], fn: (item: T) => unknown | Promise<unknown>) {
  const samples: number[] = [];
  for (const item of items) {
    const started = performance.now();
    await fn(item);
    samples.push(performance.now() - started);
  }
  return samples;
}

const summary = (samples: number[]) => ({
  p50Ms: round(percentile(samples, 50), 3),
  p95Ms: round(percentile(samples, 95), 3),
  p99Ms: round(percentile(samples, 99), 3),
});

/** Directory search over the synced org through the core, side by side with Fuse.js over the same people. */
export async function benchSearch({
  core,
  people,
  queries,
  fuseQueries,
}: {
  core: Core;
  people: readonly Person[];
  queries: number;
  fuseQueries: number;
}) {
  const mixed = makeQueries(people, queries);
  // Warm SQLite's page cache with other queries, so none of the measured ones is in the core's result cache.
  const search = (q: DirectoryQuery) =>
    core.handlers.directory.searchPeople({ text: '', ...q, offset: 0, limit: 50 });
  await timeEach(makeQueries(people, 200, 777), search);
  const sqlite = await timeEach(mixed, search);
  // A query typed again while still in the core's small result cache is answered from it, as in the app;
  // the first time each query is asked is reported apart.
  const seen = new Set<string>();
  const firstTime = sqlite.filter((_, i) => {
    const key = JSON.stringify(mixed[i]);
    return !seen.has(key) && seen.add(key);
  });
  report('search.fts5', {
    org: people.length,
    queries: mixed.length,
    pageSize: 50,
    ...summary(sqlite),
    goalP95Ms: 5,
    firstTime: { queries: firstTime.length, ...summary(firstTime) },
  });

  const buildStarted = performance.now();
  const fuse = new Fuse(people, {
    keys: ['name', 'title', 'skills', 'department', 'location'],
    threshold: 0.3,
  });
  const buildMs = performance.now() - buildStarted;
  const textOnly = mixed.filter((q) => q.text).slice(0, fuseQueries);
  const fused = await timeEach(textOnly, (q) => fuse.search(q.text!, { limit: 50 }));
  report('search.fuse', {
    org: people.length,
    queries: textOnly.length,
    indexBuildMs: round(buildMs),
    ...summary(fused),
  });
}
