/** Lower case without diacritics, as FTS5's unicode61 tokenizer (remove_diacritics 2) sees text. */
export function foldForSearch(text: string): string {
  return text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
}

const MAX_WORDS = 12;

/**
 * Turns what a person typed into an FTS5 query: every word must match as a prefix, in any column.
 * Words are quoted, so FTS5 syntax in the input (AND, NEAR, column:, *, quotes) is taken literally.
 * Returns null when the text has no searchable word.
 */
export function toFtsWords(text: string): { query: string; folded: string[] } | null {
  const words = text
    .normalize('NFKC')
    .match(/[\p{L}\p{N}]+/gu)
    ?.slice(0, MAX_WORDS);
  if (!words) return null;
  return { query: words.map((w) => `"${w}"*`).join(' '), folded: words.map(foldForSearch) };
}

/** A filter value as an FTS5 phrase ("Data & Analytics" → "data analytics"), or null if it has no word. */
export function toFtsPhrase(value: string): string | null {
  const words = value.normalize('NFKC').match(/[\p{L}\p{N}]+/gu);
  return words ? `"${words.join(' ')}"` : null;
}
