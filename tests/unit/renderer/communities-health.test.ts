import { describe, expect, it } from 'vitest';
import type { HealthMonth } from '#shared/domain/community';
import {
  formatHours,
  formatRate,
  formatShare,
  monthLabel,
  toChartRows,
} from '../../../src-renderer/lib/community-health.ts';

const month = (m: string, over: Partial<HealthMonth> = {}): HealthMonth => ({
  month: m,
  activeMembers: 4,
  posts: 10,
  postsPerWeek: 2.2580645,
  questions: 3,
  answeredShare: 2 / 3,
  medianHoursToFirstAnswer: 5.25,
  newMembers: 1,
  members: 30,
  ...over,
});

describe('health formatting', () => {
  it('shows shares as whole percents, and a dash when nothing was asked', () => {
    expect(formatShare(2 / 3)).toBe('67%');
    expect(formatShare(1)).toBe('100%');
    expect(formatShare(0)).toBe('0%');
    expect(formatShare(null)).toBe('—');
  });

  it('shows a wait in hours under two days, in days beyond', () => {
    expect(formatHours(null)).toBe('—');
    expect(formatHours(0.2)).toBe('under 1 h');
    expect(formatHours(5.25)).toBe('5.3 h');
    expect(formatHours(47)).toBe('47 h');
    expect(formatHours(60)).toBe('2.5 days');
    expect(formatRate(2.2580645)).toBe('2.3');
    expect(formatRate(0)).toBe('0');
  });

  it('labels months with the year on the first one and on January', () => {
    expect(monthLabel('2026-03', true)).toBe('Mar 2026');
    expect(monthLabel('2026-04')).toBe('Apr');
    expect(monthLabel('2027-01')).toBe('Jan 2027');
  });

  it('turns months into chart rows: percents, rounded rates, gaps where nothing was asked', () => {
    const rows = toChartRows([
      month('2025-12'),
      month('2026-01', { questions: 0, answeredShare: null, medianHoursToFirstAnswer: null }),
    ]);
    expect(rows[0]).toEqual({
      month: 'Dec 2025',
      activeMembers: 4,
      postsPerWeek: 2.3,
      answeredPercent: 67,
      medianHours: 5.3,
      newMembers: 1,
      members: 30,
    });
    expect(rows[1]).toMatchObject({ month: 'Jan 2026', answeredPercent: null, medianHours: null });
  });
});
