import { CsvError, parse } from 'csv-parse/sync';
import { z } from 'zod';
import { fieldOfHeader, HR_COLUMN_SPELLINGS, type HrField } from './hr-columns.ts';
import type { HrProblem } from './hr-problem.ts';

/** Who a row's manager is: an email (it has an @) or an employee id. */
export interface ManagerRef {
  kind: 'email' | 'employeeId';
  value: string;
}

/** One person as the file gives them. A field is undefined when the file has no such column (kept as stored). */
export interface HrRow {
  line: number;
  employeeId: string | null;
  /** Lower case. */
  email: string | null;
  name: string;
  title?: string;
  department?: string;
  site?: string;
  /** null: an empty cell, no manager. */
  manager?: ManagerRef | null;
  skills?: string[];
  timezone?: string;
}

export interface ParsedHrFile {
  rows: HrRow[];
  /** Which fields the file has, and the header each came from (for messages). */
  headers: Partial<Record<HrField, string>>;
  problems: HrProblem[];
  warnings: string[];
}

/** Skills in one cell are separated by semicolons (a comma would end the cell). */
const SKILL_SEPARATOR = /[;|]/;
const LIMITS = {
  employeeId: 100,
  name: 200,
  title: 200,
  department: 120,
  site: 120,
  timezone: 64,
  skill: 80,
  skills: 100,
};
/** The same check as the Person schema's z.email(), without a safeParse per row. */
const EMAIL = z.regexes.email;

/** Where each field's cell is in a record (-1: the file has no such column), and problems to add to. */
interface RowContext {
  index: Record<HrField, number>;
  headers: Partial<Record<HrField, string>>;
  problems: HrProblem[];
  seenEmployeeIds: Map<string, number>;
  seenEmails: Map<string, number>;
}

/** Reads and checks the whole file; rows with a problem are left out, and any problem refuses the import. */
export function parseHrCsv(text: string): ParsedHrFile {
  const problems: HrProblem[] = [];
  let records: string[][];
  try {
    // No `info` and no `trim`: both double csv-parse's time on 100,000 rows; lines are counted below instead.
    records = parse(text, { relax_column_count: true });
  } catch (err) {
    if (!(err instanceof CsvError)) throw err;
    return { rows: [], headers: {}, problems: [csvProblem(err, text)], warnings: [] };
  }
  const [first, ...body] = records;
  const header = first?.map((cell) => cell.trim());
  if (!first || !header || isBlank(header))
    return { rows: [], headers: {}, problems: [{ line: 1, message: 'the file is empty' }], warnings: [] };
  const { columns, headers, warnings } = readHeader(header, problems);
  if (problems.length > 0) return { rows: [], headers, problems, warnings };

  const index = Object.fromEntries(
    Object.keys(HR_COLUMN_SPELLINGS).map((field) => [field, columns.get(field as HrField) ?? -1]),
  ) as Record<HrField, number>;
  const context: RowContext = { index, headers, problems, seenEmployeeIds: new Map(), seenEmails: new Map() };
  const rows: HrRow[] = [];
  let line = 2 + newlinesIn(first);
  for (const record of body) {
    const start = line;
    // A quoted cell may span lines: the next record starts after its line breaks.
    line += 1 + newlinesIn(record);
    if (isBlank(record)) continue;
    if (record.length !== header.length) {
      problems.push({ line: start, message: `has ${record.length} fields, the header has ${header.length}` });
      continue;
    }
    const before = problems.length;
    const row = readRow(record, start, context);
    if (problems.length === before) rows.push(row);
  }
  return { rows, headers, problems, warnings };
}

function readRow(record: readonly string[], line: number, context: RowContext): HrRow {
  const { headers, problems } = context;
  const cell = (field: HrField) => {
    const at = context.index[field];
    return at < 0 ? undefined : (record[at] ?? '').trim();
  };
  const problem = (field: HrField, message: string) =>
    problems.push({ line, column: headers[field], message });
  const bounded = (field: HrField, max: number) => {
    const value = cell(field);
    if (value !== undefined && value.length > max) problem(field, `longer than ${max} characters`);
    return value;
  };

  const employeeId = bounded('employeeId', LIMITS.employeeId) || null;
  const rawEmail = cell('email') || null;
  const email = rawEmail?.toLowerCase() ?? null;
  if (email !== null && (email.length > 254 || !EMAIL.test(email)))
    problem('email', `"${rawEmail}" is not an email address`);
  const name = cell('name') ?? [cell('firstName'), cell('lastName')].filter(Boolean).join(' ');
  if (name.length === 0)
    problems.push({ line, column: headers.name ?? headers.firstName, message: 'a name is required' });
  else if (name.length > LIMITS.name)
    problems.push({ line, column: headers.name, message: `longer than ${LIMITS.name} characters` });
  if (employeeId === null && email === null)
    problems.push({ line, message: 'needs an employee id or an email' });
  const earlierId = employeeId === null ? undefined : firstSeen(context.seenEmployeeIds, employeeId, line);
  if (earlierId !== undefined) problem('employeeId', `${employeeId} is also on line ${earlierId}`);
  const earlierEmail = email === null ? undefined : firstSeen(context.seenEmails, email, line);
  if (earlierEmail !== undefined) problem('email', `${email} is also on line ${earlierEmail}`);

  const row: HrRow = { line, employeeId, email, name };
  for (const field of ['title', 'department', 'site'] as const) {
    const value = bounded(field, LIMITS[field]);
    if (value !== undefined) row[field] = value;
  }
  const manager = cell('manager');
  if (manager !== undefined) row.manager = manager === '' ? null : toManagerRef(manager);
  const skills = cell('skills');
  if (skills !== undefined) row.skills = readSkills(skills, (message) => problem('skills', message));
  const timezone = bounded('timezone', LIMITS.timezone);
  if (timezone !== undefined) {
    if (timezone !== '' && !isTimeZone(timezone))
      problem('timezone', `"${timezone}" is not a time zone name such as Europe/Paris`);
    row.timezone = timezone;
  }
  return row;
}

function readHeader(cells: readonly string[], problems: HrProblem[]) {
  const columns = new Map<HrField, number>();
  const headers: Partial<Record<HrField, string>> = {};
  const warnings: string[] = [];
  cells.forEach((header, index) => {
    const field = fieldOfHeader(header);
    if (!field) {
      warnings.push(`line 1: column "${header}" is not a Kith field; it is ignored`);
      return;
    }
    const earlier = headers[field];
    if (earlier !== undefined) {
      problems.push({ line: 1, column: header, message: `says the same as column "${earlier}"; keep one` });
      return;
    }
    columns.set(field, index);
    headers[field] = header;
  });
  if (!columns.has('employeeId') && !columns.has('email'))
    problems.push({
      line: 1,
      message: 'needs an employee id column or an email column (e.g. "Employee ID", "Email")',
    });
  if (!columns.has('name') && !columns.has('firstName'))
    problems.push({ line: 1, message: 'needs a name column (e.g. "Name", or "First Name" and "Last Name")' });
  if (columns.has('name') && (columns.has('firstName') || columns.has('lastName')))
    problems.push({ line: 1, message: 'has a name column and first / last name columns; keep one way' });
  return { columns, headers, warnings };
}

function csvProblem(err: CsvError, text: string): HrProblem {
  const line = (err as CsvError & { lines?: number }).lines ?? 1;
  if (err.code === 'CSV_QUOTE_NOT_CLOSED')
    return {
      line: lineOfUnclosedQuote(text) ?? line,
      message: 'a quoted cell is never closed (unbalanced quotes)',
    };
  if (err.code === 'CSV_INVALID_CLOSING_QUOTE')
    return { line, message: 'a quote inside a quoted cell must be doubled ("")' };
  return { line, message: err.message.replace(/^[^:]*: /, '') };
}

/** csv-parse says where the file ended; the admin needs the line where the quote was opened. */
function lineOfUnclosedQuote(text: string): number | undefined {
  let line = 1;
  let openedAt: number | undefined;
  let fieldStart = true;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\n') line++;
    if (openedAt !== undefined) {
      if (c !== '"') continue;
      if (text[i + 1] === '"')
        i++; // an escaped quote inside the cell
      else openedAt = undefined;
    } else if (c === '"' && fieldStart) openedAt = line;
    else fieldStart = c === ',' || c === '\n' || (fieldStart && (c === ' ' || c === '\r'));
  }
  return openedAt;
}

/** The line a key was first seen on, or undefined (and it is recorded) when this is the first time. */
function firstSeen(seen: Map<string, number>, key: string, line: number): number | undefined {
  const earlier = seen.get(key);
  if (earlier === undefined) seen.set(key, line);
  return earlier;
}

function isBlank(record: readonly string[]): boolean {
  return record.length === 1 && record[0]?.trim() === '';
}

function newlinesIn(record: readonly string[]): number {
  let n = 0;
  for (const cell of record) if (cell.includes('\n')) n += countNewlines(cell);
  return n;
}

function toManagerRef(value: string): ManagerRef {
  return value.includes('@') ? { kind: 'email', value: value.toLowerCase() } : { kind: 'employeeId', value };
}

function readSkills(cell: string, problem: (message: string) => void): string[] {
  const skills = [
    ...new Set(
      cell
        .split(SKILL_SEPARATOR)
        .map((s) => s.trim())
        .filter((s) => s.length > 0),
    ),
  ];
  if (skills.length > LIMITS.skills) problem(`lists ${skills.length} skills; at most ${LIMITS.skills}`);
  const long = skills.find((s) => s.length > LIMITS.skill);
  if (long) problem(`"${long.slice(0, 20)}…" is longer than ${LIMITS.skill} characters`);
  return skills;
}

const timeZones = new Map<string, boolean>();
function isTimeZone(name: string): boolean {
  let known = timeZones.get(name);
  if (known === undefined) {
    try {
      new Intl.DateTimeFormat('en-US', { timeZone: name });
      known = true;
    } catch {
      known = false;
    }
    timeZones.set(name, known);
  }
  return known;
}

function countNewlines(text: string): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) n++;
  return n;
}
