import { describe, expect, it } from 'vitest';
import { markdownToPlainText, noteFirstLine, noteSnippet } from '../../../src-renderer/lib/note-text.ts';

describe('note text', () => {
  it('drops markdown syntax and keeps the words', () => {
    expect(markdownToPlainText('a **bold** and _it_ and __strong__, ~~gone~~ `code` *x*')).toBe(
      'a bold and it and strong, gone code x',
    );
    expect(markdownToPlainText('[the plan](https://example.com) ![pic](https://x/y.png)')).toBe(
      'the plan pic',
    );
    expect(markdownToPlainText('# Title\n> quote\n- item\n1. first')).toBe('Title\nquote\nitem\nfirst');
  });

  it('keeps underscores inside words and raw HTML as text', () => {
    expect(markdownToPlainText('snake_case and window.__pwned')).toBe('snake_case and window.__pwned');
    expect(markdownToPlainText('<script>alert(1)</script>')).toBe('<script>alert(1)</script>');
  });

  it('cuts a snippet on one line and takes the first non-empty line as a title', () => {
    expect(noteSnippet('one\n\ntwo', 200)).toBe('one two');
    expect(noteSnippet('x'.repeat(300))).toHaveLength(201);
    expect(noteFirstLine('\n\n## Lunch with Ana\nmore')).toBe('Lunch with Ana');
  });
});
