/** The encodings an HR export comes in. */
export type TextEncodingName = 'UTF-8' | 'Windows-1252';

export interface DecodedText {
  text: string;
  encoding: TextEncodingName;
  /** The file started with a UTF-8 byte order mark (Excel's "CSV UTF-8"); it is not part of `text`. */
  bom: boolean;
}

/**
 * Bytes to text: valid UTF-8 (with or without a BOM) is UTF-8; anything else is Windows-1252, the ANSI code
 * page of Western Windows, which is how Excel saves "CSV (comma delimited)". Any byte sequence decodes under
 * Windows-1252, so the guess never fails; a file in yet another encoding shows wrong letters, not an error.
 */
export function decodeText(bytes: Uint8Array): DecodedText {
  const bom = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  try {
    // The decoder drops a leading BOM by itself.
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'UTF-8', bom };
  } catch {
    return { text: decodeWindows1252(bytes), encoding: 'Windows-1252', bom: false };
  }
}

/**
 * Windows-1252 is Latin-1 except for 0x80–0x9F, where it has € ‚ ƒ „ … † ‡ ˆ ‰ Š ‹ Œ Ž ' ' " " • – — ˜ ™ š › œ ž Ÿ.
 * Node's TextDecoder('windows-1252') decodes those bytes as Latin-1's control characters (it shares
 * Latin-1's fast path), losing a curly apostrophe in "O'Brien"; so the 32 of them are mapped here.
 */
const CP1252_80_9F =
  '\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f' +
  '\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178';

function decodeWindows1252(bytes: Uint8Array): string {
  return Buffer.from(bytes)
    .toString('latin1')
    .replace(/[\u0080-\u009f]/g, (c) => CP1252_80_9F[c.charCodeAt(0) - 0x80] ?? c);
}
