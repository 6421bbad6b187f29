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
    return { text: new TextDecoder('windows-1252').decode(bytes), encoding: 'Windows-1252', bom: false };
  }
}
