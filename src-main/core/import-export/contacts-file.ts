import type { ParsedContact } from './contact.ts';
import { parseContactsCsv } from './csv-reader.ts';
import { parseVCards } from './vcard-reader.ts';

export interface ContactsFile {
  format: 'vcard' | 'csv';
  contacts: ParsedContact[];
  columns: Record<string, string> | null;
}

/** By extension first (.vcf, .vcard, .csv, .tsv), else by content: a file opening with BEGIN:VCARD is a vCard. */
export function detectFormat(fileName: string, content: string): ContactsFile['format'] {
  const extension = /\.([^./\\]+)$/.exec(fileName)?.[1]?.toLowerCase();
  if (extension === 'vcf' || extension === 'vcard') return 'vcard';
  if (extension === 'csv' || extension === 'tsv') return 'csv';
  return /^\uFEFF?\s*BEGIN:VCARD/i.test(content) ? 'vcard' : 'csv';
}

/** Reads every contact of an import file; a malformed one throws invalid_input naming the line. */
export function readContactsFile(fileName: string, content: string): ContactsFile {
  const format = detectFormat(fileName, content);
  if (format === 'vcard') return { format, contacts: parseVCards(content), columns: null };
  const { contacts, columns } = parseContactsCsv(content);
  return { format, contacts, columns };
}
