import { mkdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import { createCore } from '#core/create-core';
import { migrate } from '#shared/node/migrate';
import { openDatabase } from '#shared/node/open-database';
import { serverMigrations } from '#server/db/migrations/index';
import { issueToken, type ServerDb } from '#server/server';
import { importPeople } from '#server/provisioning/import-people';
import { memorySecrets } from '../tests/support/memory-secrets.ts';
import { employeeId, writeHrCsv } from './support/hr-csv.ts';
import { report } from './support/results.ts';
import { startServerProcess } from './support/server-process.ts';
import { round } from './support/stats.ts';

/**
 * A directory change reaching an open app: a server (its own process) with `size` people from an HR import,
 * a signed-in core synced with it; then an import (in this process, as the admin CLI would run beside the
 * server) changes `changed` people's titles. Measured: seconds from the import's commit to the core having
 * applied the last changed row. The server notices another process's commit by its change watch.
 */
export async function benchDirectoryChange({
  workDir,
  size,
  changed,
}: {
  workDir: string;
  size: number;
  changed: number;
}) {
  await rm(workDir, { recursive: true, force: true });
  const dataDir = join(workDir, 'server');
  await mkdir(dataDir, { recursive: true });
  const dbFile = join(dataDir, 'kith-server.db');
  const csv = join(workDir, 'hr.csv');
  await writeHrCsv(csv, size);

  const db = await openDatabase<ServerDb>({ file: dbFile });
  await migrate(db as Kysely<unknown>, serverMigrations, { file: dbFile });
  await importPeople(db, await readFile(csv));
  const me = await db
    .selectFrom('people')
    .select('id')
    .where('employee_number', '=', employeeId(1))
    .executeTakeFirstOrThrow();
  const token = await issueToken(db, me.id);

  const server = await startServerProcess(['--port', '0', '--data', dataDir]);
  // liveUpdates: as the app and the web host run it, pulling when the event stream says so.
  const core = await createCore({
    dataDir: join(workDir, 'client'),
    secrets: memorySecrets(),
    liveUpdates: true,
  });
  try {
    const bootstrapped = new Promise<void>((resolve, reject) =>
      core.events.on('sync.status', (s) => {
        if (s.state === 'idle') resolve();
        if (s.state === 'error') reject(new Error(s.message));
      }),
    );
    await core.handlers.session.connectServer({ serverUrl: server.url, token });
    await bootstrapped;

    await writeHrCsv(csv, size, (n) =>
      n <= changed ? `Principal Engineer ${n}` : n % 10 === 0 ? 'Engineer, Platform' : 'Engineer',
    );
    let applied = 0;
    let importEnded = 0;
    const reached = new Promise<number>((resolve) =>
      core.events.on('directory.changed', ({ count }) => {
        applied += count;
        if (importEnded > 0 && applied >= changed) resolve(performance.now());
      }),
    );
    const importStarted = performance.now();
    const result = await importPeople(db, await readFile(csv));
    importEnded = performance.now();
    if (applied >= changed) throw new Error('The core applied the change before the import ended');
    const lastApplied = await reached;
    const title = await core.handlers.directory.getProfile({ id: me.id });

    report('directory-change', {
      people: size,
      changed: result.updated,
      importSeconds: round((importEnded - importStarted) / 1000),
      secondsToLastAppliedRow: round((lastApplied - importEnded) / 1000),
      serverChangeWatchMs: 500,
      titleSeen: title.person.title,
    });
  } finally {
    await core.close();
    await server.stop();
    await db.destroy();
  }
}
