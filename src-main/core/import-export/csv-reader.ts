import { CsvError, parse } from 'csv-parse/sync';
import { checkNoteSize, distinctEmails, malformed, type ParsedContact } from './contact.ts';

export interface ParsedCsv {
  contacts: ParsedContact[];
  /** Which header was read as which field: `{ name: 'Full Name', email: 'E-mail, E-mail 2', note: 'Notes' }`. */
  columns: Record<string, string>;
}

/** A header cell, compared without case, spaces or punctuation ("E-mail 2 Address" → "email2address"). */
const keyOf = (header: string) => header.toLowerCase().replace(/[^\p{L}\p{N}]/gu, '');

const NAME_KEYS = new Set(['name', 'fullname', 'displayname', 'contactname', 'fn', 'nom', 'nomcomplet']);
const FIRST_NAME_KEYS = new Set(['firstname', 'givenname', 'first', 'prenom', 'prénom']);
const LAST_NAME_KEYS = new Set(['lastname', 'surname', 'familyname', 'last']);
const NOTE_KEYS = new Set(['note', 'notes', 'comment', 'comments', 'remarks']);
/** "Email", "E-mail 2 Address", "E-mail 1 - Value", "Mail"; not "E-mail Type" or "E-mail Display Name". */
const isEmailKey = (key: string) =>
  (key.includes('email') || key === 'mail' || key === 'courriel') && !/type|label|display/.test(key);

/** The delimiter of the header line: the most frequent of , ; and tab outside quotes (Excel in Europe uses ;). */
function detectDelimiter(text: string): string {
  const firstLine = text.replace(/^\uFEFF/, '').split(/\r\n|\n|\r/, 1)[0] ?? '';
  const unquoted = firstLine.replace(/"[^"]*"/g, '');
  const [best] = [',', ';', '\t']
    .map((d) => ({ d, n: unquoted.split(d).length - 1 }))
    .sort((a, b) => b.n - a.n);
  return best && best.n > 0 ? best.d : ',';
}

/** The byte offset where each line of `bytes` starts (csv-parse counts bytes; its line counts go wrong on CRLF in quotes). */
function lineStarts(bytes: Buffer): number[] {
  const starts = [0];
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i];
    if (b === 0x0a || (b === 0x0d && bytes[i + 1] !== 0x0a)) starts.push(i + 1);
  }
  return starts;
}

/** The 1-based line of the first non-blank byte at or after `offset`. */
function lineOf(starts: number[], bytes: Buffer, offset: number): number {
  let at = offset;
  while (bytes[at] === 0x0a || bytes[at] === 0x0d) at++;
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if ((starts[mid] ?? 0) <= at) low = mid;
    else high = mid - 1;
  }
  return low + 1;
}

/** csv-parse's message without its own (sometimes miscounted) line number. */
function describeCsvError(err: CsvError): string {
  if (err.code === 'CSV_QUOTE_NOT_CLOSED') return 'a quoted field that opens in this row is never closed';
  return err.message
    .replace(/^[^:]*:\s*/, '')
    .replace(/\s*(at|on) line \d+/, '')
    .replace(/^expect (\d+), got (\d+)$/, 'the header has $1 columns, this row $2');
}

/** Contacts from a CSV file with a header row; a malformed file throws invalid_input naming the line. */
export function parseContactsCsv(text: string): ParsedCsv {
  const bytes = Buffer.from(text, 'utf8');
  const starts = lineStarts(bytes);
  /** Each record with the line it starts on; `end` (a byte offset) is where the next one may start. */
  const records: { record: string[]; line: number }[] = [];
  let end = 0;
  try {
    parse(bytes, {
      bom: true,
      delimiter: detectDelimiter(text),
      skip_empty_lines: true,
      relax_column_count_less: true,
      on_record(record: string[], context) {
        records.push({ record, line: lineOf(starts, bytes, end) });
        end = context.bytes;
        return null;
      },
    });
  } catch (err) {
    if (err instanceof CsvError)
      throw malformed(lineOf(starts, bytes, end), `bad CSV: ${describeCsvError(err)}`);
    throw err;
  }
  const [header, ...rows] = records;
  if (!header) throw malformed(1, 'the file is empty: expected a header row (name, email, note)');

  const cells = header.record.map((h) => h.trim());
  const keys = cells.map(keyOf);
  const find = (set: Set<string>) => keys.findIndex((k) => set.has(k));
  const nameAt = find(NAME_KEYS);
  const firstAt = find(FIRST_NAME_KEYS);
  const lastAt = find(LAST_NAME_KEYS);
  const noteAt = find(NOTE_KEYS);
  const emailAt = keys.flatMap((k, i) => (isEmailKey(k) ? [i] : []));
  const headerLine = header.line;
  if (emailAt.length === 0)
    throw malformed(
      headerLine,
      `the header has no email column (found ${cells.map((c) => `“${c}”`).join(', ')}): name one “email”`,
    );

  const columns: Record<string, string> = {};
  if (nameAt >= 0) columns.name = cells[nameAt] ?? '';
  else if (firstAt >= 0 || lastAt >= 0)
    columns.name = [firstAt, lastAt].flatMap((i) => (i >= 0 ? [cells[i] ?? ''] : [])).join(' + ');
  columns.email = emailAt.map((i) => cells[i] ?? '').join(', ');
  if (noteAt >= 0) columns.note = cells[noteAt] ?? '';

  const contacts = rows.map(({ record, line }) => {
    const cell = (i: number) => (i >= 0 ? (record[i] ?? '').trim() : '');
    const name = cell(nameAt) || [cell(firstAt), cell(lastAt)].filter(Boolean).join(' ').trim();
    // One cell may list several addresses: "a@x.com; b@y.org" (Google separates them with " ::: ").
    const emails = distinctEmails(emailAt.flatMap((i) => cell(i).split(/\s*(?:[;,\s]|:::)\s*/)));
    const noteText = cell(noteAt);
    const note = noteText ? noteText.replace(/\r\n?/g, '\n') : null;
    checkNoteSize(line, name, note);
    return { line, name, emails, note };
  });
  return { contacts, columns };
}
