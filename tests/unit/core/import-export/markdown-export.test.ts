import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import {
  chooseFileNames,
  listExistingFiles,
  renderPersonMarkdown,
  sanitizeFileName,
  writeExportFile,
  type ExportPerson,
} from '#core/import-export/markdown-export';
import type { Note } from '#shared/domain/note';
import { makeTempDir } from '../../../support/temp-dir.ts';

const person = (overrides: Partial<ExportPerson> = {}): ExportPerson => ({
  id: 'ada',
  name: 'Ada Lovelace',
  email: 'ada@example.com',
  title: 'Engineer',
  department: 'R&D',
  ...overrides,
});

const note = (overrides: Partial<Note> = {}): Note => ({
  id: '8d1f0c7e-3c2b-4f7a-9a51-0c2f3b4a5d6e',
  personId: 'ada',
  body: 'Talked about **engines**.',
  tags: [],
  pinned: false,
  followUpAt: null,
  interaction: null,
  createdAt: new Date(2025, 5, 10, 12).getTime(),
  updatedAt: new Date(2025, 5, 10, 12).getTime(),
  conflictOf: null,
  ...overrides,
});

const frontMatterOf = (markdown: string) => {
  const match = /^---\n([\s\S]*?)\n---\n/.exec(markdown);
  if (!match) throw new Error('no front matter');
  return parse(match[1] ?? '') as Record<string, unknown>;
};

describe('renderPersonMarkdown', () => {
  it('writes YAML front matter that parses back, even with characters YAML cares about', () => {
    const tricky = person({ name: 'O\'Brien: "Ada" # 1', title: '- yes\nno', department: '@ops & {x}' });
    const markdown = renderPersonMarkdown(tricky, [note()], new Date('2026-01-02T03:04:05.000Z'));
    expect(frontMatterOf(markdown)).toEqual({
      name: 'O\'Brien: "Ada" # 1',
      email: 'ada@example.com',
      title: '- yes\nno',
      department: '@ops & {x}',
      person_id: 'ada',
      exported_at: '2026-01-02T03:04:05.000Z',
      notes: 1,
    });
  });

  it('lists the notes newest first with their date, tags, follow-up, pin and interaction', () => {
    const older = note({
      body: 'older',
      createdAt: new Date(2025, 0, 5, 12).getTime(),
      updatedAt: new Date(2025, 0, 5, 12).getTime(),
    });
    const newer = note({
      body: 'newer\n\n---\nnot a separator of ours',
      tags: ['platform', 'go-to'],
      followUpAt: '2025-07-01',
      pinned: true,
      interaction: { type: 'coffee', on: '2025-06-09' },
      updatedAt: new Date(2025, 5, 11, 12).getTime(),
    });
    const markdown = renderPersonMarkdown(person(), [older, newer], new Date());
    expect(markdown.indexOf('newer')).toBeLessThan(markdown.indexOf('older'));
    expect(markdown).toContain('# Ada Lovelace');
    expect(markdown).toContain(
      '## Note of 2025-06-10\n\n- Date: 2025-06-10 (edited 2025-06-11)\n- Tags: `platform`, `go-to`\n- Follow-up: 2025-07-01\n- Pinned: yes\n- Interaction: Coffee on 2025-06-09\n\nnewer',
    );
    expect(markdown).toContain('\n\n---\n\n## Note of 2025-01-05\n\n- Date: 2025-01-05\n\nolder\n');
  });

  it('names a colleague who left by id, with empty fields', () => {
    const gone = { id: 'x1', name: null, email: null, title: null, department: null };
    const markdown = renderPersonMarkdown(gone, [note()], new Date());
    expect(frontMatterOf(markdown)).toMatchObject({ name: null, email: null, person_id: 'x1' });
    expect(markdown).toContain('# Former colleague');
  });
});

describe('sanitizeFileName', () => {
  it.each([
    ['Ada Lovelace', 'Ada Lovelace'],
    ['../../etc/passwd', 'etc passwd'],
    ['..', 'Unnamed'],
    ['a/b\\c:d*e?f"g<h>i|j', 'a b c d e f g h i j'],
    ['  trailing dots. . ', 'trailing dots'],
    ['tab\tand\nnewline\u0000', 'tab and newline'],
    ['CON', '_CON'],
    ['lpt1.txt', '_lpt1.txt'],
    ['', 'Unnamed'],
    ['Zoë Ñúñez', 'Zoë Ñúñez'],
  ])('%j → %j', (name, expected) => {
    expect(sanitizeFileName(name)).toBe(expected);
  });

  it('bounds the length in UTF-8 bytes without splitting a character', () => {
    const long = sanitizeFileName('é'.repeat(300));
    expect(Buffer.byteLength(long)).toBeLessThanOrEqual(120);
    expect(long).toBe('é'.repeat(60));
  });
});

describe('chooseFileNames', () => {
  it('keeps names unique without regard to case: the email first, then a counter', () => {
    const names = chooseFileNames([
      person({ id: '1', email: 'ada@a.org' }),
      person({ id: '2', name: 'ADA LOVELACE', email: 'ada@b.org' }),
      person({ id: '3', email: 'ada@b.org' }),
      person({ id: '4', email: null }),
      person({ id: '5', name: null, email: null }),
    ]);
    expect(names).toEqual([
      'Ada Lovelace.md',
      'ADA LOVELACE (ada@b.org).md',
      'Ada Lovelace (ada@b.org) (2).md',
      'Ada Lovelace (2).md',
      '5.md',
    ]);
  });
});

describe('chooseFileNames with files already in the folder', () => {
  it('replaces a previous export of the same person, never anyone else’s file', () => {
    const existing = new Map<string, string | null>([
      ['ada lovelace.md', null], // the person's own file
      ['bob martin.md', 'bob'], // our previous export of Bob
      ['cy.md', 'someone-else'],
    ]);
    const names = chooseFileNames(
      [person(), person({ id: 'bob', name: 'Bob Martin' }), person({ id: 'cy', name: 'Cy', email: null })],
      existing,
    );
    expect(names).toEqual(['Ada Lovelace (ada@example.com).md', 'Bob Martin.md', 'Cy (2).md']);
  });
});

describe('listExistingFiles', () => {
  let dir: Awaited<ReturnType<typeof makeTempDir>>;
  beforeEach(async () => (dir = await makeTempDir()));
  afterEach(() => dir.remove());

  it('tells our previous exports (by their front matter) from other files', async () => {
    const ours = renderPersonMarkdown(person(), [note()], new Date());
    await writeFile(join(dir.path, 'Ada.md'), ours);
    await writeFile(join(dir.path, 'Mine.MD'), '---\ntitle: my own notes\n---\n# Mine');
    await writeFile(join(dir.path, 'Plain.md'), 'no front matter');
    await writeFile(join(dir.path, 'Broken.md'), '---\n: : [\n---\n');
    await writeFile(join(dir.path, 'other.txt'), 'x');
    await mkdir(join(dir.path, 'folder.md'));
    expect(await listExistingFiles(dir.path)).toEqual(
      new Map([
        ['ada.md', 'ada'],
        ['broken.md', null],
        ['folder.md', null],
        ['mine.md', null],
        ['plain.md', null],
      ]),
    );
    expect(await listExistingFiles(join(dir.path, 'missing'))).toEqual(new Map());
  });
});

describe('writeExportFile', () => {
  let dir: Awaited<ReturnType<typeof makeTempDir>>;
  beforeEach(async () => (dir = await makeTempDir()));
  afterEach(() => dir.remove());

  it('writes the file and leaves no temporary file behind', async () => {
    await writeExportFile(dir.path, 'Ada.md', 'one');
    await writeExportFile(dir.path, 'Ada.md', 'two');
    expect(await readFile(join(dir.path, 'Ada.md'), 'utf8')).toBe('two');
    expect(await readdir(dir.path)).toEqual(['Ada.md']);
  });

  it.each(['../escape.md', 'sub/dir.md', '..', '/etc/passwd'])('refuses %j', async (name) => {
    await expect(writeExportFile(dir.path, name, 'x')).rejects.toThrow(/Refusing to write outside/);
    expect(await readdir(dir.path)).toEqual([]);
  });
});
