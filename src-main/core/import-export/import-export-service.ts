import type { Kysely } from 'kysely';
import type { Connection } from '#shared/domain/connection';
import type {
  ExportResult,
  ImportContactsInput,
  ImportReport,
  MatchedContact,
  UnmatchedContact,
} from '#shared/domain/import-export';
import type { SaveConnectionInput } from '#shared/domain/network';
import { SaveNoteInput, type Note } from '#shared/domain/note';
import { KithError } from '#shared/errors';
import type { ContractHandlers } from '#shared/ipc/contract';
import type { LocalDb } from '../store/local-db.ts';
import type { PreparedWrite } from '../store/prepared-write.ts';
import { malformed } from './contact.ts';
import { readContactsFile } from './contacts-file.ts';
import {
  chooseFileNames,
  listExistingFiles,
  renderPersonMarkdown,
  writeExportFile,
  type ExportPerson,
} from './markdown-export.ts';

/** The tag every imported note carries, so the person can find (and review) what an import wrote. */
export const IMPORTED_TAG = 'imported';
/** SQLite's bound-parameter limit is 32,766; stay far below it. */
const EMAIL_CHUNK = 500;

export interface ImportExportServiceOptions {
  db: Kysely<LocalDb>;
  signedInPersonId: () => Promise<string | null>;
  notes: {
    listForPerson(personId: string): Promise<Note[]>;
    /** Validates every input first, then gives the writes to run in the import's one transaction. */
    prepareSaveMany(inputs: SaveNoteInput[]): Promise<PreparedWrite<Note[]>>;
  };
  network: {
    getConnection(personId: string): Promise<Connection | null>;
    /** Checks every input first, then gives the writes to run in the import's one transaction. */
    prepareAddConnections(inputs: readonly SaveConnectionInput[]): Promise<PreparedWrite<Connection[]>>;
  };
  /** Asks the person for a folder to export into (a dialog in the app); null when they cancel. */
  chooseExportFolder?: () => Promise<string | null>;
  now?: () => number;
}

interface Colleague {
  id: string;
  name: string;
  email: string;
}

/** Export of notes as Markdown files and import of contacts and notes from vCard or CSV files. */
export function createImportExportService({
  db,
  signedInPersonId,
  notes,
  network,
  chooseExportFolder,
  now = Date.now,
}: ImportExportServiceOptions) {
  /** Colleagues by lower-cased email, for the addresses asked about. */
  async function findColleaguesByEmail(emails: readonly string[]): Promise<Map<string, Colleague>> {
    const keys = [...new Set(emails.map((e) => e.toLowerCase()))];
    const found = new Map<string, Colleague>();
    for (let i = 0; i < keys.length; i += EMAIL_CHUNK) {
      const rows = await db
        .selectFrom('people')
        .select(['id', 'name', 'email'])
        .where((eb) => eb(eb.fn('lower', ['email']), 'in', keys.slice(i, i + EMAIL_CHUNK)))
        .execute();
      for (const row of rows) found.set(row.email.toLowerCase(), row);
    }
    return found;
  }

  return {
    async importContacts(input: ImportContactsInput): Promise<ImportReport> {
      const me = await signedInPersonId();
      if (!me) throw new KithError('unauthorized', 'Sign in to import contacts');
      const file = readContactsFile(input.fileName, input.content); // a malformed file stops here
      const colleagues = await findColleaguesByEmail(file.contacts.flatMap((c) => c.emails));

      const matches: MatchedContact[] = [];
      const unmatched: UnmatchedContact[] = [];
      const errors: string[] = [];
      const newNotes: SaveNoteInput[] = [];
      const connectionIds: string[] = [];
      const existingBodies = new Map<string, Set<string>>();

      for (const contact of file.contacts) {
        const base = { line: contact.line, name: contact.name, emails: contact.emails };
        if (contact.emails.length === 0) {
          unmatched.push({ ...base, reason: 'no email' });
          continue;
        }
        const email = contact.emails.find((e) => colleagues.has(e.toLowerCase()));
        const person = email === undefined ? undefined : colleagues.get(email.toLowerCase());
        if (email === undefined || !person) {
          unmatched.push({ ...base, reason: 'no colleague with this email' });
          continue;
        }
        if (person.id === me) {
          unmatched.push({ ...base, reason: 'yourself' });
          continue;
        }

        let note = false;
        if (contact.note !== null) {
          // A NOTE is plain text: keep its line breaks when rendered as Markdown (two trailing spaces).
          const body = contact.note.replace(/([^\s])[ \t]*\n(?=[^\n])/g, '$1  \n');
          // The same text already imported (a file imported twice) is not written again.
          let bodies = existingBodies.get(person.id);
          if (!bodies) {
            bodies = new Set((await notes.listForPerson(person.id)).map((n) => n.body.trim()));
            existingBodies.set(person.id, bodies);
          }
          if (bodies.has(body.trim())) {
            errors.push(
              `Line ${contact.line}: ${person.name} already has this note; it was not imported again`,
            );
          } else {
            bodies.add(body.trim());
            const input: SaveNoteInput = {
              personId: person.id,
              body,
              tags: [IMPORTED_TAG],
              pinned: false,
              followUpAt: null,
              interaction: null,
            };
            const checked = SaveNoteInput.safeParse(input);
            if (!checked.success)
              throw malformed(
                contact.line,
                `the note cannot be saved: ${checked.error.issues[0]?.message ?? ''}`,
              );
            newNotes.push(input);
            note = true;
          }
        }

        let connection = false;
        if (input.addConnections && !connectionIds.includes(person.id)) {
          connection = (await network.getConnection(person.id)) === null;
          if (connection) connectionIds.push(person.id);
        }
        matches.push({ line: contact.line, name: contact.name, email, person, note, connection });
      }

      const report: ImportReport = {
        fileName: input.fileName,
        format: file.format,
        dryRun: input.dryRun,
        columns: file.columns,
        contactsRead: file.contacts.length,
        matched: matches.length,
        notesToCreate: newNotes.length,
        notesCreated: 0,
        connectionsToCreate: connectionIds.length,
        connectionsCreated: 0,
        matches: matches.map((m) => ({ ...m, person: { id: m.person.id, name: m.person.name } })),
        unmatched,
        errors,
      };
      if (input.dryRun) return report;

      // Everything is checked before anything is written; then notes and connections go in one
      // transaction: an import is all or nothing.
      const howMet = `Imported from ${input.fileName}`.slice(0, 2000);
      const noteWrites = newNotes.length ? await notes.prepareSaveMany(newNotes) : null;
      const connectionWrites = connectionIds.length
        ? await network.prepareAddConnections(
            connectionIds.map((personId) => ({ personId, patch: { kinds: ['other'], howMet } })),
          )
        : null;
      await db.transaction().execute(async (trx) => {
        if (noteWrites) report.notesCreated = (await noteWrites.write(trx)).length;
        if (connectionWrites) report.connectionsCreated = (await connectionWrites.write(trx)).length;
      });
      noteWrites?.notify();
      connectionWrites?.notify();
      return report;
    },

    async exportMarkdown(): Promise<ExportResult> {
      if (!chooseExportFolder)
        throw new KithError('unavailable', 'This version of Kith cannot choose a folder to export to');
      const folder = await chooseExportFolder();
      if (folder === null) return null;

      const subjects = await db.selectFrom('notes').select('person_id').distinct().execute();
      const ids = subjects.map((s) => s.person_id);
      const people = new Map<string, ExportPerson>();
      for (let i = 0; i < ids.length; i += EMAIL_CHUNK) {
        const rows = await db
          .selectFrom('people')
          .select(['id', 'name', 'email', 'title', 'department'])
          .where('id', 'in', ids.slice(i, i + EMAIL_CHUNK))
          .execute();
        for (const row of rows) people.set(row.id, row);
      }
      const ordered: ExportPerson[] = ids
        .map((id) => people.get(id) ?? { id, name: null, email: null, title: null, department: null })
        .sort((a, b) => (a.name ?? '\uffff').localeCompare(b.name ?? '\uffff') || a.id.localeCompare(b.id));
      const fileNames = chooseFileNames(ordered, await listExistingFiles(folder));
      const exportedAt = new Date(now());
      let files = 0;
      for (const [index, person] of ordered.entries()) {
        const personNotes = await notes.listForPerson(person.id);
        if (personNotes.length === 0) continue; // deleted meanwhile
        const markdown = renderPersonMarkdown(person, personNotes, exportedAt);
        await writeExportFile(folder, fileNames[index] ?? `${person.id}.md`, markdown);
        files++;
      }
      return { folder, files };
    },
  };
}
export type ImportExportService = ReturnType<typeof createImportExportService>;

export const importExportHandlers = (
  importExport: ImportExportService,
): ContractHandlers['importExport'] => ({
  exportMarkdown: () => importExport.exportMarkdown(),
  importContacts: (input) => importExport.importContacts(input),
});
