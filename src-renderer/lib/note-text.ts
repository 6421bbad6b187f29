/**
 * Markdown read as plain text, for snippets and one-line titles: the syntax is dropped, the words kept.
 * Not a parser: good enough for a preview, never used to render.
 */
export function markdownToPlainText(markdown: string): string {
  return (
    markdown
      .replace(/```[^\n]*\n?/g, '')
      .replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1')
      .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
      .replace(/^\s{0,3}(#{1,6}|>+|[-*+]|\d+[.)])\s+/gm, '')
      .replace(/^\s{0,3}([-*_]\s*){3,}$/gm, '')
      .replace(/(\*\*|~~|`)/g, '')
      // Underscores mark emphasis only at word edges: `snake_case` and `__init__` keep theirs.
      .replace(/(^|[^\w])(__|[*_])(\S(?:.*?\S)?)\2(?=[^\w]|$)/g, '$1$3')
  );
}

/** The first ~`max` characters of a note as plain text, on one line. */
export function noteSnippet(markdown: string, max = 200): string {
  const text = markdownToPlainText(markdown).replace(/\s+/g, ' ').trim();
  return text.length > max ? `${text.slice(0, max).trimEnd()}…` : text;
}

/** The note's first non-empty line as plain text: its title, in lists. */
export function noteFirstLine(markdown: string, max = 120): string {
  const line = markdownToPlainText(markdown)
    .split('\n')
    .map((l) => l.trim())
    .find(Boolean);
  return noteSnippet(line ?? '', max);
}
