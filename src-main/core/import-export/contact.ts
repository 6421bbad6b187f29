import { NOTE_BODY_MAX } from '#shared/domain/note';
import { KithError } from '#shared/errors';

/** A contact read from an import file, before it is matched to a colleague. */
export interface ParsedContact {
  /** Where it starts in the file, 1-based: a vCard's BEGIN line, a CSV row's first line. */
  line: number;
  name: string;
  /** Each address once (compared case-insensitively), as the file spells it. */
  emails: string[];
  /** The NOTE text; null when the contact has none. */
  note: string | null;
}

/** A malformed file: the message names the line and what is wrong there. */
export function malformed(line: number, problem: string): KithError {
  return new KithError('invalid_input', `Line ${line}: ${problem}`);
}

/** Each address once, trimmed, a `mailto:` prefix dropped. */
export function distinctEmails(values: readonly string[]): string[] {
  const seen = new Set<string>();
  const emails: string[] = [];
  for (const raw of values) {
    const email = raw.trim().replace(/^mailto:/i, '');
    if (email && !seen.has(email.toLowerCase())) {
      seen.add(email.toLowerCase());
      emails.push(email);
    }
  }
  return emails;
}

/** Refuses a note longer than a note may be, naming the contact's line. */
export function checkNoteSize(line: number, name: string, note: string | null): void {
  if (note !== null && note.length > NOTE_BODY_MAX)
    throw malformed(line, `the note of ${name || 'this contact'} is over 1 MB (the most a note can hold)`);
}
