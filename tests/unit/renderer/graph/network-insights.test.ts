import { describe, expect, it } from 'vitest';
import { listInWords, rankReach, summarizeReach } from '../../../../src-renderer/graph/network-insights.ts';

describe('network insights', () => {
  const counts = [
    { value: 'Finance', known: 0, total: 120 },
    { value: 'Engineering', known: 30, total: 800 },
    { value: 'Legal', known: 1, total: 200 },
    { value: 'Sales', known: 8, total: 300 },
    { value: 'Empty', known: 0, total: 0 },
  ];

  it('ranks by org size and calls out where you know no one or very few', () => {
    const rows = rankReach(counts);
    expect(rows.map((r) => r.value)).toEqual(['Engineering', 'Sales', 'Legal', 'Finance']);
    expect(Object.fromEntries(rows.map((r) => [r.value, r.reach]))).toEqual({
      Engineering: 'ok',
      Sales: 'ok',
      Legal: 'few', // 0.5 % there against 2.7 % overall
      Finance: 'none',
    });
    expect(rows[0]?.share).toBeCloseTo(30 / 800);
  });

  it('sums the reach up in a sentence', () => {
    const rows = rankReach(counts);
    expect(summarizeReach(rows, { one: 'department', many: 'departments' })).toBe(
      'You know people in 3 of 4 departments; no one yet in Finance.',
    );
    expect(
      summarizeReach(rankReach([{ value: 'Lyon', known: 2, total: 9 }]), { one: 'site', many: 'sites' }),
    ).toBe('You know people in 1 of 1 site.');
  });

  it('lists names in words, folding the tail', () => {
    expect(listInWords([], 3)).toBe('');
    expect(listInWords(['A'], 3)).toBe('A');
    expect(listInWords(['A', 'B'], 3)).toBe('A and B');
    expect(listInWords(['A', 'B', 'C'], 3)).toBe('A, B and C');
    expect(listInWords(['A', 'B', 'C', 'D', 'E'], 3)).toBe('A, B, C and 2 more');
  });
});
