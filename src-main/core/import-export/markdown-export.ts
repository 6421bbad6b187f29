import { mkdir, open, readdir } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { parse, stringify } from 'yaml';
import type { Note } from '#shared/domain/note';
import { toLocalDay } from '#shared/local-day';
import { writeFileAtomic } from '#shared/node/write-file-atomic';

/** Who a file is about: null fields when the colleague is no longer in the directory. */
export interface ExportPerson {
  id: string;
  name: string | null;
  email: string | null;
  title: string | null;
  department: string | null;
}

/** The longest file name we write, in UTF-8 bytes, suffixes included: well under every file system's 255. */
const NAME_BYTES_MAX = 120;
const WINDOWS_RESERVED = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])(\..*)?$/i;

function truncateBytes(text: string, max: number): string {
  let out = '';
  for (const char of text) {
    if (Buffer.byteLength(out + char) > max) break;
    out += char;
  }
  return out;
}

/**
 * A name that is a safe file name on Windows, macOS and Linux: no path separators or reserved characters,
 * no control characters, no leading or trailing dots or spaces, no reserved device name, bounded length.
 */
export function sanitizeFileName(name: string, maxBytes = NAME_BYTES_MAX): string {
  const cleaned = name
    .normalize('NFC')
    .replace(/[<>:"/\\|?*\p{Cc}\p{Cf}]/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  let safe = truncateBytes(cleaned, maxBytes)
    .replace(/^[.\s]+|[.\s]+$/g, '')
    .trim();
  if (!safe) safe = 'Unnamed';
  if (WINDOWS_RESERVED.test(safe)) safe = `_${safe}`;
  return safe;
}

/**
 * One `<name>.md` per person, unique without regard to case (macOS and Windows fold it): a clash adds the
 * email, then a counter. `existing` holds the folder's files (lower-cased name → the person_id of a
 * previous export, or null for anyone else's file): only a previous export of the same person is replaced.
 * Returns the file names in the order of `people`.
 */
export function chooseFileNames(
  people: readonly ExportPerson[],
  existing: ReadonlyMap<string, string | null> = new Map(),
): string[] {
  const taken = new Set<string>();
  const claim = (stem: string, personId: string) => {
    const key = `${stem}.md`.toLowerCase();
    const owner = existing.get(key);
    if (taken.has(key) || (owner !== undefined && owner !== personId)) return null;
    taken.add(key);
    return `${stem}.md`;
  };
  return people.map((person) => {
    const base = sanitizeFileName(person.name ?? person.id);
    const withEmail = person.email ? sanitizeFileName(`${base} (${person.email})`) : null;
    const first = claim(base, person.id) ?? (withEmail ? claim(withEmail, person.id) : null);
    if (first) return first;
    for (let n = 2; ; n++) {
      const numbered = claim(sanitizeFileName(`${withEmail ?? base} (${n})`), person.id);
      if (numbered) return numbered;
    }
  });
}

/** How much of a file is read to tell a previous export (its front matter) from anyone else's file. */
const FRONT_MATTER_BYTES = 4096;

/** The person_id in the front matter of a file we exported before; null for any other file. */
function exportedPersonId(head: string): string | null {
  const match = /^---\r?\n([\s\S]*?)\r?\n---\r?\n/.exec(head);
  if (!match) return null;
  try {
    const front: unknown = parse(match[1] ?? '');
    if (typeof front !== 'object' || front === null) return null;
    const { person_id: id, exported_at: at } = front as Record<string, unknown>;
    return typeof id === 'string' && typeof at === 'string' ? id : null;
  } catch {
    return null;
  }
}

/** The folder's .md files by lower-cased name, each with the person it exports (null: not ours). */
export async function listExistingFiles(folder: string): Promise<Map<string, string | null>> {
  const files = new Map<string, string | null>();
  let names: string[];
  try {
    names = await readdir(folder);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return files;
    throw err;
  }
  for (const name of names) {
    if (!name.toLowerCase().endsWith('.md')) continue;
    let head = '';
    try {
      const handle = await open(join(folder, name), 'r');
      try {
        const { buffer, bytesRead } = await handle.read(
          Buffer.alloc(FRONT_MATTER_BYTES),
          0,
          FRONT_MATTER_BYTES,
          0,
        );
        head = buffer.subarray(0, bytesRead).toString('utf8');
      } finally {
        await handle.close();
      }
    } catch {
      // A folder named x.md, or a file we cannot read: not ours, never replaced.
    }
    files.set(name.toLowerCase(), exportedPersonId(head));
  }
  return files;
}

const INTERACTION_WORDS: Record<string, string> = {
  meeting: 'Meeting',
  call: 'Call',
  message: 'Message',
  coffee: 'Coffee',
  event: 'Event',
  other: 'Interaction',
};

function renderNote(note: Note): string {
  const written = toLocalDay(note.createdAt);
  const edited = toLocalDay(note.updatedAt);
  const facts = [`- Date: ${written}${edited !== written ? ` (edited ${edited})` : ''}`];
  if (note.tags.length) facts.push(`- Tags: ${note.tags.map((t) => `\`${t}\``).join(', ')}`);
  if (note.followUpAt) facts.push(`- Follow-up: ${note.followUpAt}`);
  if (note.pinned) facts.push('- Pinned: yes');
  if (note.interaction)
    facts.push(
      `- Interaction: ${INTERACTION_WORDS[note.interaction.type] ?? note.interaction.type} on ${note.interaction.on}`,
    );
  return [`## Note of ${written}`, '', ...facts, '', note.body.trim() || '_(empty)_', ''].join('\n');
}

/** A person's file: YAML front matter, a title, then each note, newest first, between horizontal rules. */
export function renderPersonMarkdown(person: ExportPerson, notes: readonly Note[], exportedAt: Date): string {
  const frontMatter = stringify({
    name: person.name,
    email: person.email,
    title: person.title,
    department: person.department,
    person_id: person.id,
    exported_at: exportedAt.toISOString(),
    notes: notes.length,
  });
  const newestFirst = [...notes].sort((a, b) => b.createdAt - a.createdAt);
  // Blank lines around each rule: right under a paragraph, `---` would make it a heading instead.
  const body = newestFirst.map(renderNote).join('\n---\n\n');
  return `---\n${frontMatter}---\n\n# ${person.name ?? 'Former colleague'}\n\n${body}`;
}

/** Writes `content` to folder/fileName atomically, refusing a name that would land outside the folder. */
export async function writeExportFile(folder: string, fileName: string, content: string): Promise<string> {
  const root = resolve(folder);
  const target = resolve(root, fileName);
  if (basename(target) !== fileName || resolve(target, '..') !== root)
    throw new Error(`Refusing to write outside ${root}: ${fileName}`);
  await mkdir(root, { recursive: true });
  await writeFileAtomic(target, content);
  return target;
}
