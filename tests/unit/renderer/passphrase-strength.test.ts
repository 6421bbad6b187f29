import { describe, expect, it } from 'vitest';
import { PASSPHRASE_MIN } from '#shared/domain/note';
import { passphraseStrength } from '../../../src-renderer/lib/passphrase-strength.ts';

describe('passphraseStrength', () => {
  it('calls anything under the minimum too short', () => {
    expect(passphraseStrength('a'.repeat(PASSPHRASE_MIN - 1)).score).toBe(0);
    expect(passphraseStrength('').label).toBe('Too short');
  });

  it('rates repeats and sequences low, and unrelated words high', () => {
    expect(passphraseStrength('aaaaaaaaaaaa').score).toBe(1);
    expect(passphraseStrength('abcdefghijkl').score).toBe(1);
    expect(passphraseStrength('password12').score).toBeLessThanOrEqual(2);
    expect(passphraseStrength('correct horse battery staple').score).toBe(4);
  });

  it('grows with length', () => {
    const scores = ['Tr0ub4dor&3', 'Tr0ub4dor&3 lantern', 'Tr0ub4dor&3 lantern ferry'].map(
      (p) => passphraseStrength(p).score,
    );
    expect(scores).toEqual([...scores].sort());
    expect(scores[2]).toBe(4);
  });
});
