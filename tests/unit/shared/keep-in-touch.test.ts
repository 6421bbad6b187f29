import { describe, expect, it } from 'vitest';
import { keepInTouchDueOn } from '#shared/domain/keep-in-touch';
import { addDays, daysBetween } from '#shared/local-day';

const dayOf = () => '2026-11-02';

describe('keep-in-touch', () => {
  it('adds days across month, leap-day and year ends', () => {
    expect(addDays('2026-12-28', 7)).toBe('2027-01-04');
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(daysBetween('2026-12-28', '2027-01-04')).toBe(7);
    expect(daysBetween('2026-11-23', '2026-11-13')).toBe(-10);
  });

  it('counts from the last interaction, else "known since", else the day of the last edit', () => {
    const base = { keepInTouchDays: 30, lastInteractionAt: null, since: null, updatedAt: 0 };
    expect(keepInTouchDueOn({ ...base, lastInteractionAt: '2026-11-01', since: '2020-01-01' }, dayOf)).toBe(
      '2026-12-01',
    );
    expect(keepInTouchDueOn({ ...base, since: '2026-01-31' }, dayOf)).toBe('2026-03-02');
    expect(keepInTouchDueOn(base, dayOf)).toBe('2026-12-02');
    expect(keepInTouchDueOn({ ...base, keepInTouchDays: null }, dayOf)).toBeNull();
  });
});
