import { readFile } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import { describeError } from '#shared/errors';
import { ConfigError } from '../config/config-error.ts';
import { HR_COLUMN_SPELLINGS } from '../provisioning/hr-columns.ts';
import { formatProblem, HrImportError } from '../provisioning/hr-problem.ts';
import { importPeople, type ImportPeopleResult } from '../provisioning/import-people.ts';
import { DATABASE_OPTIONS, DATABASE_USAGE, parseCommandArgs, type AdminCommand } from './command-context.ts';
import { openServerDb } from './open-server-db.ts';

export const IMPORT_PEOPLE_USAGE = [
  `Usage: kith-server import-people <file.csv> [--dry-run] [--deactivate-missing] ${DATABASE_USAGE}`,
  '',
  'Imports an HR export: one person a row, columns named in the first line. The whole file is checked first;',
  'a problem anywhere names its line and column and nothing is written. People are matched by employee id,',
  'then by email; only real changes are written, so importing the same file again changes nothing.',
  '  --dry-run             count what would change, write nothing',
  '  --deactivate-missing  deactivate active people the file does not list',
  'Columns (any case; spaces, dots, dashes and underscores ignored):',
  ...Object.entries(HR_COLUMN_SPELLINGS).map(
    ([field, spellings]) => `  ${field.padEnd(11)} ${spellings.join(', ')}`,
  ),
  'Encodings: UTF-8 (with or without BOM) or Windows-1252.',
].join('\n');

const OPTIONS = {
  ...DATABASE_OPTIONS,
  'dry-run': { type: 'boolean' },
  'deactivate-missing': { type: 'boolean' },
} as const;

/** At most this many problems are printed; the count says how many more there are. */
const SHOWN_PROBLEMS = 20;

/** `import-people <file.csv>`: the HR CSV import. */
export const importPeopleCommand: AdminCommand = async (args, context) => {
  const { values, positionals } = parseCommandArgs(args, OPTIONS, IMPORT_PEOPLE_USAGE);
  if (values.help) {
    context.out(IMPORT_PEOPLE_USAGE);
    return 0;
  }
  const [given, ...extra] = positionals;
  if (given === undefined || extra.length > 0)
    throw new ConfigError(`import-people: give one CSV file\n${IMPORT_PEOPLE_USAGE}`);
  const file = resolve(context.cwd, given);
  const name = basename(file);
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (err) {
    context.err(`kith-server: import-people: cannot read ${file} (${describeError(err)})`);
    return 1;
  }

  const dryRun = values['dry-run'] ?? false;
  const { db } = await openServerDb(values, context);
  try {
    const result = await importPeople(db, bytes, {
      dryRun,
      deactivateMissing: values['deactivate-missing'] ?? false,
    });
    for (const warning of result.warnings) context.err(`kith-server: ${name} ${warning}`);
    context.out(`${name}: ${result.rows} people (${describeEncoding(result)})`);
    context.out(
      `created ${result.created}, updated ${result.updated}, unchanged ${result.unchanged}, deactivated ${result.deactivated}` +
        (dryRun ? ' (dry run: nothing was written)' : ''),
    );
    return 0;
  } catch (err) {
    if (!(err instanceof HrImportError)) throw err;
    for (const problem of err.problems.slice(0, SHOWN_PROBLEMS))
      context.err(`kith-server: ${name} ${formatProblem(problem)}`);
    const more = err.problems.length - SHOWN_PROBLEMS;
    context.err(
      `kith-server: ${name}: ${err.problems.length} problem${err.problems.length === 1 ? '' : 's'}` +
        `${more > 0 ? ` (${more} more not shown)` : ''}; nothing was written`,
    );
    return 1;
  } finally {
    await db.destroy();
  }
};

function describeEncoding({ encoding, bom }: ImportPeopleResult): string {
  return bom ? `${encoding} with BOM` : encoding;
}
