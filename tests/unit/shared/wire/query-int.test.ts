import { describe, expect, it } from 'vitest';
import { queryInt } from '#shared/wire/query-int';

describe('queryInt', () => {
  const limit = queryInt({ min: 1, max: 5000 });

  it.each([
    ['0', 0],
    ['7', 7],
    ['5000', 5000],
  ])('parses %s as %d', (text, value) => {
    expect(queryInt().parse(text)).toBe(value);
  });

  it.each(['', ' 7', '7 ', '1e3', '0x10', '-1', '+1', '1.5', '007', 'NaN', 'Infinity', '１'])(
    'refuses %j',
    (text) => {
      expect(queryInt().safeParse(text).success).toBe(false);
    },
  );

  it('refuses a number out of bounds, and one beyond the safe integers', () => {
    expect(limit.safeParse('0').success).toBe(false);
    expect(limit.safeParse('5001').success).toBe(false);
    expect(queryInt().safeParse('9007199254740993').success).toBe(false);
  });

  it('refuses a repeated parameter (an array) and a non-string', () => {
    expect(queryInt().safeParse(['1', '2']).success).toBe(false);
    expect(queryInt().safeParse(1).success).toBe(false);
  });
});
