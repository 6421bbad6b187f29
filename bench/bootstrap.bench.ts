import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { createCore } from '#core/create-core';
import { LOCAL_DB_FILE, openLocalDb } from '#core/store/local-db';
import type { Person } from '#shared/domain/person';
import { AuthSession } from '#shared/wire/auth';
import { memorySecrets } from '../tests/support/memory-secrets.ts';
import { rawBulkInsert } from './support/raw-insert.ts';
import { report } from './support/results.ts';
import { median, round } from './support/stats.ts';

async function syncOnce(serverUrl: string, dataDir: string) {
  const core = await createCore({ dataDir, secrets: memorySecrets() });
  const response = await fetch(`${serverUrl}/v1/demo/sessions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: '{}',
  });
  const { accessToken: token } = AuthSession.parse(await response.json());
  const loopDelay = monitorEventLoopDelay({ resolution: 1 });
  const idle = new Promise<void>((resolve, reject) =>
    core.events.on('sync.status', (s) => {
      if (s.state === 'idle') resolve();
      if (s.state === 'offline' || s.state === 'error') reject(new Error(s.message));
    }),
  );
  loopDelay.enable();
  const started = performance.now();
  await core.handlers.session.connectServer({ serverUrl, token });
  await idle;
  const seconds = (performance.now() - started) / 1000;
  loopDelay.disable();
  const { total } = await core.handlers.directory.searchPeople({ text: '', offset: 0, limit: 1 });
  return {
    core,
    seconds,
    rows: total,
    loopP99Ms: loopDelay.percentile(99) / 1e6,
    loopMaxMs: loopDelay.max / 1e6,
  };
}

async function rawOnce(dataDir: string, people: readonly Person[]) {
  await (await openLocalDb(dataDir)).destroy(); // the same schema, empty
  return rawBulkInsert(join(dataDir, LOCAL_DB_FILE), people);
}

/**
 * Bootstrap of the org from the server on 127.0.0.1 into a fresh cache, against the raw bulk insert of
 * the same rows into the same schema; the two alternate, `runs` times each, in this one process.
 */
export async function benchBootstrap({
  serverUrl,
  people,
  workDir,
  runs,
}: {
  serverUrl: string;
  people: readonly Person[];
  workDir: string;
  runs: number;
}) {
  const sync: Awaited<ReturnType<typeof syncOnce>>[] = [];
  const raw: number[] = [];
  for (let i = 0; i < runs; i++) {
    const syncDir = join(workDir, `sync-${i}`);
    const rawDir = join(workDir, `raw-${i}`);
    await Promise.all([
      rm(syncDir, { recursive: true, force: true }),
      rm(rawDir, { recursive: true, force: true }),
    ]);
    await mkdir(rawDir, { recursive: true });
    raw.push(await rawOnce(rawDir, people));
    const result = await syncOnce(serverUrl, syncDir);
    sync.push(result);
    if (i < runs - 1) await result.core.close();
    else {
      report('bootstrap', {
        org: people.length,
        rows: result.rows,
        runs,
        seconds: round(median(sync.map((s) => s.seconds))),
        rowsPerSecond: Math.round(result.rows / median(sync.map((s) => s.seconds))),
        rawInsertSeconds: round(median(raw)),
        ratioToRawInsert: round(median(sync.map((s) => s.seconds)) / median(raw)),
        goalRatio: 2.0,
        eventLoopDelayP99Ms: round(median(sync.map((s) => s.loopP99Ms))),
        eventLoopDelayMaxMs: round(Math.max(...sync.map((s) => s.loopMaxMs))),
        goalEventLoopP99Ms: 50,
        allSyncSeconds: sync.map((s) => round(s.seconds)),
        allRawSeconds: raw.map((s) => round(s)),
      });
      return result.core;
    }
  }
  throw new Error('runs must be at least 1');
}
