import { describe, expect, it } from 'vitest';
import { detectFormat, readContactsFile } from '#core/import-export/contacts-file';
import { parseContactsCsv } from '#core/import-export/csv-reader';
import { NOTE_BODY_MAX } from '#shared/domain/note';

describe('parseContactsCsv', () => {
  it('reads name, email and note columns by header, whatever their case and spelling', () => {
    const { contacts, columns } = parseContactsCsv(
      'Full Name,E-Mail,NOTES\nAda Lovelace,ada@x.org,Met at the offsite\n',
    );
    expect(columns).toEqual({ name: 'Full Name', email: 'E-Mail', note: 'NOTES' });
    expect(contacts).toEqual([
      { line: 2, name: 'Ada Lovelace', emails: ['ada@x.org'], note: 'Met at the offsite' },
    ]);
  });

  it('reads quoted fields with commas, quotes and newlines, CRLF, a BOM, and counts lines right', () => {
    const text =
      '\uFEFFName,Email,Note\r\n' +
      '"Lovelace, Ada","ada@x.org","First line\r\nsecond, with ""quotes"""\r\n' +
      '\r\n' +
      'Bob,bob@x.org,\r\n' +
      'Cé,"c@x.org"\r\n';
    const { contacts } = parseContactsCsv(text);
    expect(contacts).toEqual([
      { line: 2, name: 'Lovelace, Ada', emails: ['ada@x.org'], note: 'First line\nsecond, with "quotes"' },
      { line: 5, name: 'Bob', emails: ['bob@x.org'], note: null },
      { line: 6, name: 'Cé', emails: ['c@x.org'], note: null },
    ]);
  });

  it('reads several email columns and several addresses in one cell', () => {
    const { contacts, columns } = parseContactsCsv(
      'First Name;Last Name;E-mail Address;E-mail 2 Address;E-mail Type\n' +
        'Ada;Lovelace;"ada@x.org, Ada@X.org";ada@home.org ::: a@b.org;SMTP\n',
    );
    expect(columns).toEqual({ name: 'First Name + Last Name', email: 'E-mail Address, E-mail 2 Address' });
    expect(contacts[0]).toMatchObject({
      name: 'Ada Lovelace',
      emails: ['ada@x.org', 'ada@home.org', 'a@b.org'],
    });
  });

  it('detects a semicolon or tab delimiter from the header', () => {
    expect(parseContactsCsv('name;email\nA;a@x.org').contacts[0]?.emails).toEqual(['a@x.org']);
    expect(parseContactsCsv('name\temail\nA\ta@x.org').contacts[0]?.emails).toEqual(['a@x.org']);
  });

  it.each([
    [
      'an unclosed quote',
      'name,email\nA,a@x.org\n"B,b@x.org\nC,c@x.org\n',
      /^Line 3: bad CSV: a quoted field that opens in this row is never closed/,
    ],
    ['a stray quote', 'name,email\nA,a@x"y"\n', /^Line 2: bad CSV: .*quote/i],
    [
      'too many fields',
      'name,email\r\n"A\r\nB",a@x.org\r\nC,c@x.org,extra\r\n',
      /^Line 4: bad CSV: the header has 2 columns, this row 3/,
    ],
    [
      'no email column',
      'name,phone\nA,1\n',
      /^Line 1: the header has no email column \(found “name”, “phone”\)/,
    ],
    ['an empty file', '', /^Line 1: the file is empty/],
    [
      'a note over 1 MB',
      `name,email,note\nBig,b@x.org,${'x'.repeat(NOTE_BODY_MAX + 1)}\n`,
      /^Line 2: the note of Big is over 1 MB/,
    ],
  ])('refuses %s, naming the line', (_what, text, message) => {
    expect(() => parseContactsCsv(text)).toThrow(
      expect.objectContaining({ code: 'invalid_input', message: expect.stringMatching(message) }),
    );
  });
});

describe('readContactsFile', () => {
  it('tells the format by extension, else by content', () => {
    expect(detectFormat('contacts.VCF', '')).toBe('vcard');
    expect(detectFormat('contacts.csv', 'BEGIN:VCARD')).toBe('csv');
    expect(detectFormat('export', '\uFEFF\nbegin:vcard\n')).toBe('vcard');
    expect(detectFormat('export.txt', 'name,email')).toBe('csv');
  });

  it('refuses a .vcf file that is not a vCard, naming the line', () => {
    expect(() => readContactsFile('a.vcf', 'name,email\nA,a@x.org')).toThrow(
      /^Line 1: expected “:” after name/,
    );
  });
});
