import { z } from 'zod';

/** An import file's text crosses IPC whole: 10 MB is thousands of contacts with notes. */
export const IMPORT_CONTENT_MAX = 10_000_000;

/** The file a person picked to import contacts and notes from, read by the renderer. */
export const ImportContactsInput = z.strictObject({
  /** Only its extension and its name in the report and the connections' "how met" are used. */
  fileName: z.string().trim().min(1, 'Name the file').max(255),
  content: z.string().max(IMPORT_CONTENT_MAX, 'An import file can hold at most 10 MB of text'),
  /** Reads, matches and reports, writing nothing: the preview before "Import". */
  dryRun: z.boolean(),
  /** A matched colleague without a connection gets one ("other", how met: "Imported from <file>"). */
  addConnections: z.boolean(),
});
export type ImportContactsInput = z.infer<typeof ImportContactsInput>;

export const IMPORT_FORMATS = ['vcard', 'csv'] as const;

export const UNMATCHED_REASONS = ['no email', 'no colleague with this email', 'yourself'] as const;

/** A contact of the file that matched no colleague; `line` is where it starts in the file (1-based). */
export const UnmatchedContact = z.object({
  line: z.number().int().min(1),
  name: z.string(),
  emails: z.array(z.string()),
  reason: z.enum(UNMATCHED_REASONS),
});
export type UnmatchedContact = z.infer<typeof UnmatchedContact>;

export const MatchedContact = z.object({
  line: z.number().int().min(1),
  /** The name as the file spells it. */
  name: z.string(),
  /** The email that matched. */
  email: z.string(),
  person: z.object({ id: z.string(), name: z.string() }),
  /** Whether the contact brings a note. */
  note: z.boolean(),
  /** Whether a connection is (or would be) added for this colleague. */
  connection: z.boolean(),
});
export type MatchedContact = z.infer<typeof MatchedContact>;

const Count = z.number().int().min(0);

/** What an import read, matched and wrote (or, for a dry run, would write). */
export const ImportReport = z.object({
  fileName: z.string(),
  format: z.enum(IMPORT_FORMATS),
  dryRun: z.boolean(),
  /** For a CSV file: which header was read as which field (`{ name: 'Full Name', … }`). */
  columns: z.record(z.string(), z.string()).nullable(),
  contactsRead: Count,
  matched: Count,
  notesToCreate: Count,
  notesCreated: Count,
  connectionsToCreate: Count,
  connectionsCreated: Count,
  matches: z.array(MatchedContact),
  unmatched: z.array(UnmatchedContact),
  /** Problems that skipped a contact or a part of it without stopping the import (each names the line). */
  errors: z.array(z.string()),
});
export type ImportReport = z.infer<typeof ImportReport>;

/** Where the Markdown files went; null when the person cancelled the folder dialog. */
export const ExportResult = z.object({ folder: z.string(), files: Count }).nullable();
export type ExportResult = z.infer<typeof ExportResult>;
