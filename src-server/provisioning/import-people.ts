import type { Kysely, Transaction } from 'kysely';
import { bulkInsert } from '#shared/node/bulk-insert';
import type { ServerDb } from '../db/schema.ts';
import { inTransaction } from '../db/in-transaction.ts';
import { findCurrentSeq, reserveSeqs } from '../repos/change-seq.repo.ts';
import { decodeText, type DecodedText } from './decode-text.ts';
import { deactivatePeople } from './deactivate-people.ts';
import { refuseIfProblems } from './hr-problem.ts';
import { parseHrCsv } from './parse-hr-csv.ts';
import { planHrImport, type HrImportPlan } from './plan-hr-import.ts';
import { HR_PERSON_COLUMNS, listStoredPeople, type StoredPerson } from './stored-people.ts';

export interface ImportPeopleOptions {
  /** Count what would change; write nothing. */
  dryRun?: boolean;
  /** Deactivate live people the file does not list. */
  deactivateMissing?: boolean;
}

export interface ImportPeopleResult {
  encoding: DecodedText['encoding'];
  bom: boolean;
  rows: number;
  created: number;
  updated: number;
  unchanged: number;
  deactivated: number;
  /** Not refusals: columns that are ignored. */
  warnings: string[];
  /** The change sequence's head after the write; null when nothing was written. */
  lastSeq: number | null;
}

const WRITTEN_COLUMNS = [...HR_PERSON_COLUMNS, 'deleted', 'seq'] as const;

/**
 * Imports an HR CSV export (bytes as read from the file). The whole file is checked first, against the
 * people stored: any problem throws an HrImportError listing every one, and nothing is written. Then only
 * real changes are written, in one transaction, each with a seq, so apps pull exactly those.
 */
export async function importPeople(
  db: Kysely<ServerDb>,
  bytes: Uint8Array,
  { dryRun = false, deactivateMissing = false }: ImportPeopleOptions = {},
): Promise<ImportPeopleResult> {
  // The people are listed while the file is parsed: SQLite works on its own thread meanwhile.
  const seenSeq = await findCurrentSeq(db);
  const listing = listStoredPeople(db);
  await yieldToDatabase();
  const decoded = decodeText(bytes);
  const parsed = parseHrCsv(decoded.text);
  const stored = await listing;
  refuseIfProblems(parsed.problems);

  const makePlan = (people: readonly StoredPerson[]) => {
    const plan = planHrImport(parsed.rows, parsed.headers, people, { deactivateMissing });
    refuseIfProblems(plan.problems);
    return plan;
  };
  const summary = (plan: HrImportPlan, lastSeq: number | null): ImportPeopleResult => ({
    encoding: decoded.encoding,
    bom: decoded.bom,
    rows: parsed.rows.length,
    created: plan.creates.length,
    updated: plan.updates.length,
    unchanged: plan.unchanged,
    deactivated: plan.deactivations.length,
    warnings: parsed.warnings,
    lastSeq,
  });

  const plan = makePlan(stored);
  if (dryRun) return summary(plan, null);
  // The write lock is held for the writes only. Had anyone written since the people were listed (SCIM,
  // an app), they are compared again under the lock, so nothing is written from a stale comparison.
  return inTransaction(db, async (trx) => {
    const current = (await findCurrentSeq(trx)) === seenSeq ? plan : makePlan(await listStoredPeople(trx));
    return summary(current, await writePlan(trx, current));
  });
}

/** Two turns of the event loop: enough for the sqlite3 driver to prepare a statement and start it. */
async function yieldToDatabase() {
  for (let i = 0; i < 2; i++) await new Promise((resolve) => setImmediate(resolve));
}

async function writePlan(trx: Transaction<ServerDb>, plan: HrImportPlan): Promise<number | null> {
  const people = [...plan.creates, ...plan.updates];
  const count = people.length + plan.deactivations.length;
  if (count === 0) return null;
  const firstSeq = await reserveSeqs(trx, count);
  const rows = people.map((person, i) => [...HR_PERSON_COLUMNS.map((c) => person[c]), 0, firstSeq + i]);
  await bulkInsert(trx, 'people', WRITTEN_COLUMNS, rows, { upsertOn: 'id' });
  await deactivatePeople(trx, plan.deactivations, firstSeq + people.length);
  return firstSeq + count - 1;
}
