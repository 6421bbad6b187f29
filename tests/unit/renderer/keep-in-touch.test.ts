import { describe, expect, it } from 'vitest';
import { toLocalDay } from '#shared/local-day';
import { describeDue, formatCadence } from '../../../src-renderer/lib/keep-in-touch.ts';

describe('keep-in-touch labels', () => {
  it('says how late, due today, or when next', () => {
    expect(describeDue('2026-11-18', '2026-11-23')).toMatchObject({
      state: 'overdue',
      label: 'overdue by 5 days',
    });
    expect(describeDue('2026-11-22', '2026-11-23')).toMatchObject({ label: 'overdue by 1 day' });
    expect(describeDue('2026-11-23', '2026-11-23')).toMatchObject({ state: 'today', label: 'due today' });
    expect(describeDue('2026-12-12', '2026-11-23')).toMatchObject({ state: 'upcoming' });
    expect(describeDue('2026-12-12', '2026-11-23').label).toMatch(/^next due 12 Dec$|^next due Dec 12$/);
    expect(describeDue('2027-01-05', '2026-11-23').label).toMatch(/2027/);
  });

  it('names the cadence and the local day', () => {
    expect(formatCadence(30)).toBe('Every 30 days');
    expect(formatCadence(1)).toBe('Every day');
    expect(toLocalDay(new Date(2026, 0, 5, 23, 59).getTime())).toBe('2026-01-05');
  });
});
