/**
 * The part of RFC 6350 (vCard 4.0) an import needs: line unfolding, property groups (`item1.EMAIL`),
 * parameters (quoted, comma lists, RFC 6868 caret escapes), text escapes, and the FN, N, EMAIL and NOTE
 * properties. vCard 3.0 (RFC 2426) shares all of that and is accepted; 2.1 (quoted-printable, bare
 * parameters) is refused. Every error names its line, which the npm parsers we tried could not do.
 */
import { checkNoteSize, distinctEmails, malformed, type ParsedContact } from './contact.ts';

interface ContentLine {
  /** The physical line it starts on, 1-based. */
  line: number;
  group: string | null;
  /** Upper-cased. */
  name: string;
  /** Upper-cased parameter names; values as written, unquoted. */
  params: Map<string, string[]>;
  value: string;
}

const NAME = /^(?:([A-Za-z0-9-]+)\.)?([A-Za-z0-9-]+)/;
const SUPPORTED_VERSIONS = new Set(['4.0', '3.0']);

/** Physical lines joined back into logical ones: a line starting with a space or tab continues the last. */
function unfold(text: string): { line: number; text: string }[] {
  const physical = text.replace(/^\uFEFF/, '').split(/\r\n|\n|\r/);
  const logical: { line: number; text: string }[] = [];
  physical.forEach((raw, index) => {
    const previous = logical.at(-1);
    if (raw.startsWith(' ') || raw.startsWith('\t')) {
      // A folded line at the start of a card would belong to nothing: that is malformed, not blank.
      if (!previous || previous.text === '')
        throw malformed(index + 1, 'a folded line (starting with a space) continues nothing');
      previous.text += raw.slice(1);
    } else {
      logical.push({ line: index + 1, text: raw });
    }
  });
  return logical.filter((l) => l.text.trim() !== '');
}

/** RFC 6868: ^n is a newline, ^^ a caret, ^' a double quote, in parameter values. */
const decodeCaret = (value: string) =>
  value.replace(/\^(n|\^|')/g, (_, c: string) => (c === 'n' ? '\n' : c === '^' ? '^' : '"'));

function parseContentLine({ line, text }: { line: number; text: string }): ContentLine {
  const head = NAME.exec(text);
  if (!head) throw malformed(line, `expected a property name, found “${text.slice(0, 40)}”`);
  const [, group = null, name = ''] = head;
  const params = new Map<string, string[]>();
  let i = head[0].length;
  while (text[i] === ';') {
    const param = /^[A-Za-z0-9-]+/.exec(text.slice(i + 1));
    if (!param) throw malformed(line, `a parameter of ${name} has no name`);
    const paramName = param[0].toUpperCase();
    i += 1 + param[0].length;
    const values: string[] = [];
    if (text[i] !== '=') {
      if (paramName === 'QUOTED-PRINTABLE' || /^(WORK|HOME|PREF|INTERNET)$/.test(paramName))
        throw malformed(line, `“${name};${param[0]}” is vCard 2.1 syntax: export the contacts as vCard 4.0`);
      throw malformed(line, `the parameter ${param[0]} of ${name} has no “=”`);
    }
    do {
      i += 1; // past '=' or ','
      if (text[i] === '"') {
        const end = text.indexOf('"', i + 1);
        if (end < 0) throw malformed(line, `a quoted parameter value of ${name} is not closed`);
        values.push(decodeCaret(text.slice(i + 1, end)));
        i = end + 1;
      } else {
        const raw = /^[^";:,]*/.exec(text.slice(i))?.[0] ?? '';
        values.push(decodeCaret(raw));
        i += raw.length;
      }
    } while (text[i] === ',');
    params.set(paramName, [...(params.get(paramName) ?? []), ...values]);
  }
  if (text[i] !== ':')
    throw malformed(line, `expected “:” after ${name}${params.size ? ' and its parameters' : ''}`);
  return { line, group, name: name.toUpperCase(), params, value: text.slice(i + 1) };
}

/** TEXT escapes: \\ \, \; \n (\N); any other backslash stays as written. */
export function unescapeText(value: string): string {
  return value.replace(/\\([\\,;nN])/g, (_, c: string) => (c === 'n' || c === 'N' ? '\n' : c));
}

/** A compound value's components (N: family;given;…), split on unescaped semicolons. */
function splitComponents(value: string): string[] {
  return (value.match(/(?:\\.|[^\\;])*(?:;|$)/g) ?? [])
    .filter((part, index, all) => part !== '' || index < all.length - 1)
    .map((part) => unescapeText(part.replace(/;$/, '')));
}

function toContact(begin: number, props: ContentLine[]): ParsedContact {
  const version = props.find((p) => p.name === 'VERSION');
  if (!version) throw malformed(begin, 'the vCard that begins here has no VERSION');
  const v = version.value.trim();
  if (v === '2.1')
    throw malformed(version.line, 'vCard 2.1 is not supported: export the contacts as vCard 4.0 (or 3.0)');
  if (!SUPPORTED_VERSIONS.has(v))
    throw malformed(version.line, `unknown vCard version “${v}”: expected 4.0 (or 3.0)`);
  const encoded = props.find((p) => p.params.get('ENCODING')?.some((e) => /quoted-printable/i.test(e)));
  if (encoded)
    throw malformed(encoded.line, 'quoted-printable is vCard 2.1: export the contacts as vCard 4.0');

  const fn = props.find((p) => p.name === 'FN');
  let name = fn ? unescapeText(fn.value).trim() : '';
  const n = props.find((p) => p.name === 'N');
  if (!name && n) {
    const [family = '', given = ''] = splitComponents(n.value);
    name = [given, family]
      .map((s) => s.replaceAll(',', ' ').trim())
      .filter(Boolean)
      .join(' ');
  }
  const emails = distinctEmails(props.filter((p) => p.name === 'EMAIL').map((p) => unescapeText(p.value)));
  const notes = props.filter((p) => p.name === 'NOTE').map((p) => unescapeText(p.value).trim());
  const note = notes.filter(Boolean).join('\n\n') || null;
  checkNoteSize(begin, name, note);
  return { line: begin, name, emails, note };
}

/** Every vCard in `text`, in order; a malformed file throws invalid_input naming the line. */
export function parseVCards(text: string): ParsedContact[] {
  const contacts: ParsedContact[] = [];
  let card: { begin: number; props: ContentLine[] } | null = null;
  for (const logical of unfold(text)) {
    const prop = parseContentLine(logical);
    const isBegin = prop.name === 'BEGIN' && prop.value.trim().toUpperCase() === 'VCARD';
    const isEnd = prop.name === 'END' && prop.value.trim().toUpperCase() === 'VCARD';
    if (isBegin) {
      if (card)
        throw malformed(
          prop.line,
          `BEGIN:VCARD inside the vCard begun on line ${card.begin}: END:VCARD is missing`,
        );
      card = { begin: prop.line, props: [] };
    } else if (isEnd) {
      if (!card) throw malformed(prop.line, 'END:VCARD without a BEGIN:VCARD before it');
      contacts.push(toContact(card.begin, card.props));
      card = null;
    } else if (!card) {
      throw malformed(prop.line, `${prop.name} outside a vCard: expected BEGIN:VCARD`);
    } else {
      card.props.push(prop);
    }
  }
  if (card) throw malformed(card.begin, 'the vCard that begins here has no END:VCARD');
  if (contacts.length === 0) throw malformed(1, 'no vCard in the file (expected BEGIN:VCARD)');
  return contacts;
}
