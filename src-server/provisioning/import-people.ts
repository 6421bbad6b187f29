import type { Kysely, Transaction } from 'kysely';
import { bulkInsert } from '#shared/node/bulk-insert';
import type { ServerDb } from '../db/schema.ts';
import { inTransaction } from '../db/in-transaction.ts';
import { reserveSeqs } from '../repos/change-seq.repo.ts';
import { decodeText, type DecodedText } from './decode-text.ts';
import { deactivatePeople } from './deactivate-people.ts';
import { refuseIfProblems } from './hr-problem.ts';
import { parseHrCsv } from './parse-hr-csv.ts';
import { planHrImport, type HrImportPlan } from './plan-hr-import.ts';
import { HR_PERSON_COLUMNS, listStoredPeople } from './stored-people.ts';

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
 * Imports an HR CSV export (bytes as read from the file). The whole file is checked first: any problem
 * throws an HrImportError listing every one, and nothing is written. Then, in one transaction (the people
 * are read inside it, so a concurrent SCIM write cannot slip between the comparison and the write), only
 * real changes are written, each with a seq, so apps pull exactly those.
 */
export async function importPeople(
  db: Kysely<ServerDb>,
  bytes: Uint8Array,
  { dryRun = false, deactivateMissing = false }: ImportPeopleOptions = {},
): Promise<ImportPeopleResult> {
  const decoded = decodeText(bytes);
  const parsed = parseHrCsv(decoded.text);
  refuseIfProblems(parsed.problems);

  const makePlan = async (read: Kysely<ServerDb>) => {
    const plan = planHrImport(parsed.rows, parsed.headers, await listStoredPeople(read), {
      deactivateMissing,
    });
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

  if (dryRun) return summary(await makePlan(db), null);
  return inTransaction(db, async (trx) => {
    const plan = await makePlan(trx);
    return summary(plan, await writePlan(trx, plan));
  });
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
