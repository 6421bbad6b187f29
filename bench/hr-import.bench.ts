import { mkdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import sqlite3 from 'sqlite3';
import type { Kysely } from 'kysely';
import { migrate } from '#shared/node/migrate';
import { openDatabase } from '#shared/node/open-database';
import { serverMigrations } from '#server/db/migrations/index';
import type { ServerDb } from '#server/server';
import { importPeople } from '#server/provisioning/import-people';
import { decodeText } from '#server/provisioning/decode-text';
import { parseHrCsv } from '#server/provisioning/parse-hr-csv';
import { planHrImport } from '#server/provisioning/plan-hr-import';
import { HR_PERSON_COLUMNS } from '#server/provisioning/stored-people';
import { writeHrCsv } from './support/hr-csv.ts';
import { insertMany, run } from './support/raw-insert.ts';
import { report } from './support/results.ts';
import { round } from './support/stats.ts';

async function emptyServerDb(file: string): Promise<Kysely<ServerDb>> {
  const db = await openDatabase<ServerDb>({ file });
  await migrate(db as Kysely<unknown>, serverMigrations, { file });
  return db;
}

/** The fastest insert the driver can do: the same rows, multi-row INSERTs, one transaction, no Kysely. */
async function rawInsertSeconds(file: string, rows: unknown[][]) {
  await (await emptyServerDb(file)).destroy();
  const db = await new Promise<sqlite3.Database>((resolve, reject) => {
    const d = new sqlite3.Database(file, (err) => (err ? reject(err) : resolve(d)));
  });
  await run(db, 'pragma synchronous = normal');
  const started = performance.now();
  await run(db, 'begin immediate');
  await insertMany(db, 'people', [...HR_PERSON_COLUMNS, 'deleted', 'seq'], rows);
  await run(db, `update change_seq set value = ${rows.length}`);
  await run(db, 'commit');
  const seconds = (performance.now() - started) / 1000;
  await new Promise<void>((resolve) => db.close(() => resolve()));
  return seconds;
}

/** HR CSV import of `size` people into an empty server, then the same file again (nothing changes). */
export async function benchHrImport({ workDir, size }: { workDir: string; size: number }) {
  await rm(workDir, { recursive: true, force: true });
  await mkdir(workDir, { recursive: true });
  const csv = join(workDir, 'hr.csv');
  await writeHrCsv(csv, size);

  const db = await emptyServerDb(join(workDir, 'import.db'));
  const timed = async () => {
    const started = performance.now();
    const result = await importPeople(db, await readFile(csv));
    return { seconds: (performance.now() - started) / 1000, result };
  };
  const first = await timed();
  const second = await timed();
  await db.destroy();

  // The same rows the import wrote, for the raw baseline.
  const parsed = parseHrCsv(decodeText(await readFile(csv)).text);
  const plan = planHrImport(parsed.rows, parsed.headers, [], { deactivateMissing: false });
  const rows = plan.creates.map((p, i) => [...HR_PERSON_COLUMNS.map((c) => p[c]), 0, i + 1]);
  const raw = await rawInsertSeconds(join(workDir, 'raw.db'), rows);

  report('hr-import', {
    people: size,
    firstRunSeconds: round(first.seconds),
    goalFirstRunSeconds: 10,
    created: first.result.created,
    secondRunSeconds: round(second.seconds),
    goalSecondRunSeconds: 3,
    unchangedOnSecondRun: second.result.unchanged,
    rawInsertSeconds: round(raw),
    firstRunRatioToRawInsert: round(first.seconds / raw),
  });
}
