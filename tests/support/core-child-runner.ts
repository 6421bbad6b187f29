import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { build } from 'esbuild';
import sqlite3 from 'sqlite3';
import type { ChildPlan } from './crash-workload.ts';

const repoRoot = resolve(import.meta.dirname, '..', '..');

/**
 * Bundles tests/support/core-child.ts (with the core) into one file under node_modules/.cache, where its
 * packages resolve: a child then starts in a fraction of the time tsx takes to compile the core each run.
 */
export async function bundleCoreChild() {
  const cache = join(repoRoot, 'node_modules', '.cache', 'kith-tests');
  await mkdir(cache, { recursive: true });
  const file = join(cache, `core-child-${process.pid}.mjs`);
  await build({
    entryPoints: [join(repoRoot, 'tests', 'support', 'core-child.ts')],
    outfile: file,
    bundle: true,
    platform: 'node',
    format: 'esm',
    packages: 'external',
    logLevel: 'silent',
  });
  return { file, remove: () => rm(file, { force: true }) };
}

export interface ChildRun {
  /** Every line the child printed on stdout so far (all of them once `exited` resolved). */
  lines: string[];
  stderr: () => string;
  /** Resolves when a line matches (at once if one already did). */
  waitForLine(match: (line: string) => boolean): Promise<void>;
  kill(): void;
  /** Resolves after the exit and the end of stdout, so no line is missed. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Runs the bundled child with its plan; one process, so a SIGKILL reaches the core itself. */
export function startChild(bundle: string, plan: ChildPlan): ChildRun {
  const child = spawn(process.execPath, [bundle], {
    cwd: repoRoot,
    env: { ...process.env, KITH_CRASH_CHILD: JSON.stringify(plan) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  const waiters: { match: (line: string) => boolean; done: () => void }[] = [];
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const stdoutClosed = new Promise<void>((done) => child.stdout.on('close', done));
  createInterface({ input: child.stdout }).on('line', (line) => {
    lines.push(line);
    for (const w of [...waiters]) {
      if (!w.match(line)) continue;
      waiters.splice(waiters.indexOf(w), 1);
      w.done();
    }
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) =>
    child.once('exit', (code, signal) => void stdoutClosed.then(() => done({ code, signal }))),
  );
  return {
    lines,
    stderr: () => stderr,
    waitForLine: (match) =>
      lines.some(match) ? Promise.resolve() : new Promise((done) => waiters.push({ match, done })),
    kill: () => void child.kill('SIGKILL'),
    exited,
  };
}

/** Runs one query on a read-only handle of a SQLite file, opened and closed around it. */
export async function readLocal<T>(file: string, query: string): Promise<T[]> {
  const db = await new Promise<sqlite3.Database>((done, fail) => {
    const handle = new sqlite3.Database(file, sqlite3.OPEN_READONLY, (err) =>
      err ? fail(err) : done(handle),
    );
  });
  try {
    return await new Promise<T[]>((done, fail) =>
      db.all(query, (err, rows) => (err ? fail(err) : done(rows as T[]))),
    );
  } finally {
    await new Promise<void>((done) => db.close(() => done()));
  }
}

/** What a killed client left on disk: the integrity check, its last mutation id and what is still queued. */
export async function inspectLocalDb(file: string) {
  if (!existsSync(file)) return { integrity: ['ok'], lastMutationId: 0, outbox: [] as number[] };
  const integrity = (await readLocal<{ integrity_check: string }>(file, 'pragma integrity_check')).map(
    (r) => r.integrity_check,
  );
  const tables = (
    await readLocal<{ name: string }>(file, "select name from sqlite_master where type = 'table'")
  ).map((t) => t.name);
  if (!tables.includes('local_state') || !tables.includes('outbox')) {
    return { integrity, lastMutationId: 0, outbox: [] as number[] }; // killed before the migrations ran
  }
  const state = await readLocal<{ value: string }>(
    file,
    "select value from local_state where key = 'lastMutationId'",
  );
  const outbox = await readLocal<{ mutation_id: number }>(
    file,
    'select mutation_id from outbox order by mutation_id',
  );
  return {
    integrity,
    lastMutationId: state[0] ? (JSON.parse(state[0].value) as number) : 0,
    outbox: outbox.map((r) => r.mutation_id),
  };
}
