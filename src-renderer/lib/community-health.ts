import type { HealthMonth } from '#shared/domain/community';

const oneDecimal = new Intl.NumberFormat('en-US', { maximumFractionDigits: 1 });

/** "75%", or "—" when there is nothing to measure (no questions asked). */
export function formatShare(share: number | null): string {
  return share === null ? '—' : `${Math.round(share * 100)}%`;
}

/** A wait in words: "under 1 h", "5 h", "1.5 days"; "—" when nothing was answered. */
export function formatHours(hours: number | null): string {
  if (hours === null) return '—';
  if (hours < 1) return 'under 1 h';
  if (hours < 48) return `${oneDecimal.format(hours)} h`;
  return `${oneDecimal.format(hours / 24)} days`;
}

/** "2.5", "12", "0". */
export function formatRate(value: number): string {
  return oneDecimal.format(value);
}

/** "Mar", or "Mar 2026" for January and the first month shown, so the year is readable along the axis. */
export function monthLabel(month: string, first = false): string {
  const [y, m] = month.split('-').map(Number);
  const date = new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1, 1));
  const withYear = first || m === 1;
  return date.toLocaleDateString('en-US', {
    month: 'short',
    year: withYear ? 'numeric' : undefined,
    timeZone: 'UTC',
  });
}

export interface HealthChartRow {
  month: string;
  activeMembers: number;
  postsPerWeek: number;
  /** Percent, 0–100; null where the month had no questions (the line breaks there). */
  answeredPercent: number | null;
  medianHours: number | null;
  newMembers: number;
  members: number;
}

/** The months as the charts plot them: readable labels, shares in percent, rates rounded. */
export function toChartRows(months: readonly HealthMonth[]): HealthChartRow[] {
  return months.map((m, index) => ({
    month: monthLabel(m.month, index === 0),
    activeMembers: m.activeMembers,
    postsPerWeek: Math.round(m.postsPerWeek * 10) / 10,
    answeredPercent: m.answeredShare === null ? null : Math.round(m.answeredShare * 100),
    medianHours:
      m.medianHoursToFirstAnswer === null ? null : Math.round(m.medianHoursToFirstAnswer * 10) / 10,
    newMembers: m.newMembers,
    members: m.members,
  }));
}
