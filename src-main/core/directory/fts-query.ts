/**
 * Turns what a person typed into an FTS5 query: every word must match as a prefix, in any column.
 * Words are quoted, so FTS5 syntax in the input (AND, NEAR, column:, *, quotes) is taken literally.
 * Returns null when the text has no searchable word.
 */
export function toFtsQuery(text: string): string | null {
  const words = text.normalize('NFKC').match(/[\p{L}\p{N}]+/gu);
  if (!words) return null;
  return words
    .slice(0, 12)
    .map((w) => `"${w}"*`)
    .join(' ');
}
