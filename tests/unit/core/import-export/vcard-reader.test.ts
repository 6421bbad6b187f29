import { describe, expect, it } from 'vitest';
import { parseVCards, unescapeText } from '#core/import-export/vcard-reader';
import { NOTE_BODY_MAX } from '#shared/domain/note';

const card = (...lines: string[]) => ['BEGIN:VCARD', 'VERSION:4.0', ...lines, 'END:VCARD'].join('\r\n');

describe('parseVCards', () => {
  it('reads name, emails and note, unfolding lines and decoding escapes', () => {
    const text = card(
      'FN:Lovelace\\, Ada',
      'EMAIL;TYPE=work:ada@example.com',
      'NOTE:Met at the offsite\\nTalked about engines\\; and\\, briefly\\, looms. Back',
      ' slash: C:\\\\temp and a long line folded',
      '\t with a tab',
    );
    expect(parseVCards(text)).toEqual([
      {
        line: 1,
        name: 'Lovelace, Ada',
        emails: ['ada@example.com'],
        note:
          'Met at the offsite\nTalked about engines; and, briefly, looms. Back' +
          'slash: C:\\temp and a long line folded' +
          ' with a tab', // only the one whitespace character that marks the fold is removed
      },
    ]);
  });

  it('keeps every email once, from grouped properties too, and drops mailto:', () => {
    const text = card(
      'FN:Ada',
      'item1.EMAIL;TYPE="work,pref":Ada@Example.com',
      'item1.X-ABLabel:Work',
      'EMAIL:ada@example.COM',
      'EMAIL;PREF=1:mailto:ada@home.org',
    );
    expect(parseVCards(text)[0]?.emails).toEqual(['Ada@Example.com', 'ada@home.org']);
  });

  it('strips a BOM, accepts LF, CR or CRLF line ends and blank lines between cards', () => {
    const two = `\uFEFF${card('FN:A', 'EMAIL:a@x.org')}\n\n${card('FN:B', 'EMAIL:b@x.org').replaceAll('\r\n', '\n')}\r\n`;
    const contacts = parseVCards(two);
    expect(contacts.map((c) => [c.line, c.name, c.emails])).toEqual([
      [1, 'A', ['a@x.org']],
      [7, 'B', ['b@x.org']],
    ]);
    expect(parseVCards(card('FN:C').replaceAll('\r\n', '\r'))[0]?.name).toBe('C');
  });

  it('builds the name from N when FN is missing, and joins several NOTEs', () => {
    const [contact] = parseVCards(card('N:Lovelace;Ada;;;', 'NOTE:one', 'NOTE:two'));
    expect(contact).toMatchObject({ name: 'Ada Lovelace', emails: [], note: 'one\n\ntwo' });
  });

  it('decodes RFC 6868 caret escapes in parameters and keeps colons in values', () => {
    const [contact] = parseVCards(
      card('FN;X-NOTE="a^\'quoted^\' ^^ value":Ada', 'NOTE:see https://x.org/a:b'),
    );
    expect(contact?.note).toBe('see https://x.org/a:b');
  });

  it('accepts vCard 3.0', () => {
    const text = ['BEGIN:VCARD', 'VERSION:3.0', 'FN:Old', 'EMAIL;TYPE=INTERNET:old@x.org', 'END:VCARD'].join(
      '\n',
    );
    expect(parseVCards(text)[0]?.emails).toEqual(['old@x.org']);
  });

  it.each([
    [
      'no BEGIN',
      'VERSION:4.0\r\nFN:x\r\nEND:VCARD',
      /^Line 1: VERSION outside a vCard: expected BEGIN:VCARD/,
    ],
    [
      'no END',
      `${card('FN:a')}\r\nBEGIN:VCARD\r\nVERSION:4.0\r\nFN:b`,
      /^Line 5: the vCard that begins here has no END:VCARD/,
    ],
    [
      'a nested BEGIN',
      'BEGIN:VCARD\r\nVERSION:4.0\r\nBEGIN:VCARD',
      /^Line 3: BEGIN:VCARD inside the vCard begun on line 1/,
    ],
    ['an END alone', 'END:VCARD', /^Line 1: END:VCARD without a BEGIN:VCARD/],
    ['a line without a colon', card('FN:a', 'EMAIL a@x.org'), /^Line 4: expected “:” after EMAIL/],
    [
      'an unclosed quoted parameter',
      card('EMAIL;TYPE="work:a@x.org'),
      /^Line 3: a quoted parameter value of EMAIL is not closed/,
    ],
    ['vCard 2.1', 'BEGIN:VCARD\nVERSION:2.1\nFN:a\nEND:VCARD', /^Line 2: vCard 2\.1 is not supported/],
    ['vCard 2.1 parameters', card('TEL;WORK;VOICE:123'), /^Line 3: “TEL;WORK” is vCard 2\.1 syntax/],
    [
      'quoted-printable',
      card('NOTE;ENCODING=QUOTED-PRINTABLE:a=0D'),
      /^Line 3: quoted-printable is vCard 2\.1/,
    ],
    ['no VERSION', 'BEGIN:VCARD\nFN:a\nEND:VCARD', /^Line 1: the vCard that begins here has no VERSION/],
    ['a folded first line', ' FN:a', /^Line 1: a folded line/],
    ['no vCard at all', '\r\n\r\n', /^Line 1: no vCard in the file/],
    [
      'a note over 1 MB',
      card('FN:Big', `NOTE:${'x'.repeat(NOTE_BODY_MAX + 1)}`),
      /^Line 1: the note of Big is over 1 MB/,
    ],
  ])('refuses %s, naming the line', (_what, text, message) => {
    expect(() => parseVCards(text)).toThrow(
      expect.objectContaining({ code: 'invalid_input', message: expect.stringMatching(message) }),
    );
  });
});

describe('unescapeText', () => {
  it('decodes \\\\, \\, \\; \\n and \\N and keeps other backslashes', () => {
    expect(unescapeText('a\\\\b\\,c\\;d\\ne\\Nf\\x')).toBe('a\\b,c;d\ne\nf\\x');
  });
});
