import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { sql, type Kysely } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { createCore } from '#core/create-core';
import {
  createImportExportService,
  IMPORTED_TAG,
  type ImportExportService,
} from '#core/import-export/import-export-service';
import { createNetworkService, type NetworkService } from '#core/network/network-service';
import { createNotesService, type NotesService } from '#core/notes/notes-service';
import { openLocalDb, type LocalDb } from '#core/store/local-db';
import { upsertPeople } from '#core/store/people.repo';
import { IMPORT_CONTENT_MAX } from '#shared/domain/import-export';
import { NOTE_BODY_MAX } from '#shared/domain/note';
import { createDispatcher } from '#shared/ipc/dispatch';
import { memorySecrets } from '../../../support/memory-secrets.ts';
import { makePerson } from '../../../support/people.ts';
import { makeTempDir } from '../../../support/temp-dir.ts';

const me = makePerson({ id: 'me', name: 'Me Myself', email: 'me@corp.example' });
const ada = makePerson({ id: 'ada', name: 'Ada Lovelace', email: 'Ada.Lovelace@corp.example' });
const bob = makePerson({ id: 'bob', name: 'Bob Martin', email: 'bob@corp.example', department: 'Sales' });
const NOON = new Date(2025, 5, 10, 12, 0, 0).getTime();

const vcard = (...cards: string[][]) =>
  cards.map((lines) => ['BEGIN:VCARD', 'VERSION:4.0', ...lines, 'END:VCARD'].join('\r\n')).join('\r\n');

/** Ada by a differently cased email (her second one), Bob without a note, a stranger, one without email, me. */
const FILE = vcard(
  [
    'FN:Ada L.',
    'EMAIL:ada@home.example',
    'EMAIL:ADA.LOVELACE@CORP.EXAMPLE',
    'NOTE:Met at the offsite\\, Lyon',
  ],
  ['FN:Bob', 'EMAIL:bob@corp.example'],
  ['FN:Stranger', 'EMAIL:someone@elsewhere.example', 'NOTE:Who?'],
  ['FN:No Email', 'NOTE:lost'],
  ['FN:Me', 'EMAIL:me@corp.example', 'NOTE:about me'],
);

describe('import and export service', () => {
  let dir: Awaited<ReturnType<typeof makeTempDir>>;
  let db: Kysely<LocalDb>;
  let notes: NotesService;
  let network: NetworkService;
  let service: ImportExportService;
  let exportFolder: string | null;

  const counts = async () => ({
    notes: (await db.selectFrom('notes').select('id').execute()).length,
    outbox: (await db.selectFrom('outbox').select('mutation_id').execute()).length,
    connections: (await db.selectFrom('connections').select('person_id').execute()).length,
  });

  const importFile = (
    content: string,
    options: { dryRun?: boolean; addConnections?: boolean; fileName?: string } = {},
  ) =>
    service.importContacts({
      fileName: options.fileName ?? 'contacts.vcf',
      content,
      dryRun: options.dryRun ?? false,
      addConnections: options.addConnections ?? false,
    });

  beforeEach(async () => {
    dir = await makeTempDir();
    db = await openLocalDb(join(dir.path, 'data'));
    await upsertPeople(
      db,
      [me, ada, bob].map((person, i) => ({ person, seq: i + 1 })),
    );
    let clock = NOON;
    const signedInPersonId = async () => 'me';
    const ignored = { emit: () => undefined, syncSoon: () => undefined };
    notes = createNotesService({ db, signedInPersonId, ...ignored, now: () => clock++ });
    network = createNetworkService({ db, signedInPersonId, ...ignored, now: () => clock++ });
    exportFolder = join(dir.path, 'export');
    service = createImportExportService({
      db,
      signedInPersonId,
      notes,
      network,
      chooseExportFolder: async () => exportFolder,
      now: () => NOON,
    });
  });
  afterEach(async () => {
    await db.destroy();
    await dir.remove();
  });

  it('matches contacts by any of their emails, case-insensitively, and reports the rest', async () => {
    const report = await importFile(FILE, { dryRun: true, addConnections: true });
    expect(report).toMatchObject({
      format: 'vcard',
      dryRun: true,
      columns: null,
      contactsRead: 5,
      matched: 2,
      notesToCreate: 1,
      notesCreated: 0,
      connectionsToCreate: 2,
      connectionsCreated: 0,
      errors: [],
    });
    expect(report.matches).toEqual([
      {
        line: 1,
        name: 'Ada L.',
        email: 'ADA.LOVELACE@CORP.EXAMPLE',
        person: { id: 'ada', name: 'Ada Lovelace' },
        note: true,
        connection: true,
      },
      {
        line: 8,
        name: 'Bob',
        email: 'bob@corp.example',
        person: { id: 'bob', name: 'Bob Martin' },
        note: false,
        connection: true,
      },
    ]);
    expect(report.unmatched).toEqual([
      {
        line: 13,
        name: 'Stranger',
        emails: ['someone@elsewhere.example'],
        reason: 'no colleague with this email',
      },
      { line: 19, name: 'No Email', emails: [], reason: 'no email' },
      { line: 24, name: 'Me', emails: ['me@corp.example'], reason: 'yourself' },
    ]);
  });

  it('writes nothing on a dry run', async () => {
    await importFile(FILE, { dryRun: true, addConnections: true });
    expect(await counts()).toEqual({ notes: 0, outbox: 0, connections: 0 });
  });

  it('writes the notes tagged "imported" and the connections, and skips them on a second import', async () => {
    const report = await importFile(FILE, { addConnections: true });
    expect(report).toMatchObject({ dryRun: false, notesCreated: 1, connectionsCreated: 2 });
    const [adaNote] = await notes.listForPerson('ada');
    expect(adaNote).toMatchObject({ body: 'Met at the offsite, Lyon', tags: [IMPORTED_TAG], pinned: false });
    expect(await network.getConnection('bob')).toMatchObject({
      kinds: ['other'],
      howMet: 'Imported from contacts.vcf',
    });
    const after = await counts();
    expect(after).toMatchObject({ notes: 1, connections: 2 });

    const again = await importFile(FILE, { addConnections: true });
    expect(again).toMatchObject({
      notesToCreate: 0,
      notesCreated: 0,
      connectionsToCreate: 0,
      connectionsCreated: 0,
    });
    expect(again.errors).toEqual(['Line 1: Ada Lovelace already has this note; it was not imported again']);
    expect(await counts()).toEqual(after);
  });

  it('writes nothing when the connections part fails: notes and connections go in one transaction', async () => {
    // The disk refuses the connections' outbox rows, after the notes were written in the same transaction.
    await sql`create trigger refuse_outbox before insert on outbox
      begin select raise(abort, 'disk I/O error (injected)'); end`.execute(db);
    await expect(importFile(FILE, { addConnections: true })).rejects.toThrow(/injected/);
    expect(await counts()).toEqual({ notes: 0, outbox: 0, connections: 0 });

    await sql`drop trigger refuse_outbox`.execute(db);
    expect(await importFile(FILE, { addConnections: true })).toMatchObject({
      notesCreated: 1,
      connectionsCreated: 2,
    });
  });

  it('checks the connections before writing any note', async () => {
    const check = network.prepareAddConnections.bind(network);
    network.prepareAddConnections = async (inputs) => {
      await db.deleteFrom('people').where('id', '=', 'bob').execute(); // Bob left meanwhile
      return check(inputs);
    };
    await expect(importFile(FILE, { addConnections: true })).rejects.toMatchObject({ code: 'not_found' });
    expect(await counts()).toEqual({ notes: 0, outbox: 0, connections: 0 });
  });

  it('imports a CSV file and says which columns it read', async () => {
    const csv =
      'Name,E-mail,Notes\r\n"Lovelace, Ada",ada.lovelace@corp.example,"Two\r\nlines"\r\nX,x@nowhere.example,\r\n';
    const report = await importFile(csv, { fileName: 'people.csv' });
    expect(report).toMatchObject({
      format: 'csv',
      columns: { name: 'Name', email: 'E-mail', note: 'Notes' },
      matched: 1,
      notesCreated: 1,
      unmatched: [{ line: 4, name: 'X', reason: 'no colleague with this email' }],
    });
    expect((await notes.listForPerson('ada'))[0]?.body).toBe('Two  \nlines');
  });

  it.each([
    [
      'a vCard without END',
      `${FILE}\r\nBEGIN:VCARD\r\nVERSION:4.0\r\nFN:x`,
      'contacts.vcf',
      /^Line 30: the vCard that begins here has no END:VCARD/,
    ],
    [
      'a note over 1 MB after good contacts',
      vcard(
        ['FN:Ada', 'EMAIL:ada.lovelace@corp.example', 'NOTE:fine'],
        ['FN:Bob', 'EMAIL:bob@corp.example', `NOTE:${'x'.repeat(NOTE_BODY_MAX + 1)}`],
      ),
      'c.vcf',
      /^Line 7: the note of Bob is over 1 MB/,
    ],
    [
      'bad CSV quoting',
      'name,email,note\nAda,ada.lovelace@corp.example,ok\nBob,bob@corp.example,"open\n',
      'c.csv',
      /^Line 3: bad CSV/,
    ],
  ])(
    'refuses %s with a message naming the line, writing nothing',
    async (_what, content, fileName, message) => {
      await expect(importFile(content, { fileName, addConnections: true })).rejects.toMatchObject({
        code: 'invalid_input',
        message: expect.stringMatching(message),
      });
      expect(await counts()).toEqual({ notes: 0, outbox: 0, connections: 0 });
    },
  );

  it('exports one Markdown file per colleague with notes, front matter first', async () => {
    await notes.save({
      personId: 'ada',
      body: 'first',
      tags: ['x'],
      pinned: false,
      followUpAt: null,
      interaction: null,
    });
    await notes.save({
      personId: 'ada',
      body: 'second',
      tags: [],
      pinned: true,
      followUpAt: '2025-07-01',
      interaction: null,
    });
    await notes.save({
      personId: 'bob',
      body: 'about Bob',
      tags: [],
      pinned: false,
      followUpAt: null,
      interaction: null,
    });
    const result = await service.exportMarkdown();
    expect(result).toEqual({ folder: exportFolder, files: 2 });
    expect((await readdir(exportFolder!)).sort()).toEqual(['Ada Lovelace.md', 'Bob Martin.md']);
    const markdown = await readFile(join(exportFolder!, 'Ada Lovelace.md'), 'utf8');
    const front = parse(/^---\n([\s\S]*?)\n---\n/.exec(markdown)?.[1] ?? '') as Record<string, unknown>;
    expect(front).toEqual({
      name: 'Ada Lovelace',
      email: 'Ada.Lovelace@corp.example',
      title: ada.title,
      department: ada.department,
      person_id: 'ada',
      exported_at: new Date(NOON).toISOString(),
      notes: 2,
    });
    expect(markdown.indexOf('second')).toBeLessThan(markdown.indexOf('first'));
  });

  it('keeps a file of the same name that is not a previous export, and replaces a previous export', async () => {
    await notes.save({
      personId: 'ada',
      body: 'v1',
      tags: [],
      pinned: false,
      followUpAt: null,
      interaction: null,
    });
    await mkdir(exportFolder!, { recursive: true });
    await writeFile(join(exportFolder!, 'ada lovelace.md'), 'my own file');
    expect(await service.exportMarkdown()).toMatchObject({ files: 1 });
    expect(await service.exportMarkdown()).toMatchObject({ files: 1 });
    expect((await readdir(exportFolder!)).sort()).toEqual([
      'Ada Lovelace (Ada.Lovelace@corp.example).md',
      'ada lovelace.md',
    ]);
    expect(await readFile(join(exportFolder!, 'ada lovelace.md'), 'utf8')).toBe('my own file');
  });

  it('returns null when the folder dialog is cancelled, and fails clearly without a chooser', async () => {
    exportFolder = null;
    expect(await service.exportMarkdown()).toBeNull();
    const hostless = createImportExportService({ db, signedInPersonId: async () => 'me', notes, network });
    await expect(hostless.exportMarkdown()).rejects.toMatchObject({
      code: 'unavailable',
      message: expect.stringMatching(/cannot choose a folder/),
    });
  });

  it('refuses to import when nobody is signed in', async () => {
    const signedOut = createImportExportService({ db, signedInPersonId: async () => null, notes, network });
    await expect(
      signedOut.importContacts({ fileName: 'a.vcf', content: FILE, dryRun: true, addConnections: false }),
    ).rejects.toMatchObject({ code: 'unauthorized' });
  });
});

describe('importExport.importContacts and importExport.exportMarkdown through the IPC dispatcher', () => {
  it('validates the input, needs a signed-in person to import, and a folder chooser to export', async () => {
    const dir = await makeTempDir();
    const core = await createCore({ dataDir: dir.path, secrets: memorySecrets() });
    try {
      const dispatch = createDispatcher(core.handlers);
      const input = { fileName: 'a.vcf', content: FILE, dryRun: true, addConnections: false };
      expect(await dispatch('importExport.importContacts', { ...input, path: '/etc/passwd' })).toMatchObject({
        ok: false,
        error: { code: 'invalid_input', message: expect.stringMatching(/path/) },
      });
      expect(
        await dispatch('importExport.importContacts', {
          ...input,
          content: 'x'.repeat(IMPORT_CONTENT_MAX + 1),
        }),
      ).toMatchObject({
        ok: false,
        error: { code: 'invalid_input', message: expect.stringMatching(/10 MB/) },
      });
      expect(await dispatch('importExport.importContacts', input)).toMatchObject({
        ok: false,
        error: { code: 'unauthorized' },
      });
      expect(await dispatch('importExport.exportMarkdown', undefined)).toMatchObject({
        ok: false,
        error: { code: 'unavailable', message: expect.stringMatching(/cannot choose a folder/) },
      });
    } finally {
      await core.close();
      await dir.remove();
    }
  });
});
