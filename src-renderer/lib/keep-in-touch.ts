import { daysBetween } from '#shared/local-day';

/** "Every 30 days", "Every day". */
export function formatCadence(days: number): string {
  return days === 1 ? 'Every day' : `Every ${days} days`;
}

/** "12 Dec" within `today`'s year, "12 Dec 2027" otherwise, in the reader's locale. */
export function formatShortDay(day: string, today: string): string {
  const [y, m, d] = day.split('-').map(Number);
  return new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1)).toLocaleDateString(undefined, {
    day: 'numeric',
    month: 'short',
    year: day.slice(0, 4) === today.slice(0, 4) ? undefined : 'numeric',
    timeZone: 'UTC',
  });
}

export interface DueStatus {
  state: 'overdue' | 'today' | 'upcoming';
  /** "overdue by 5 days", "due today", "next due 12 Dec". */
  label: string;
  color: string;
}

/** Where a keep-in-touch reminder stands on `today`. */
export function describeDue(dueOn: string, today: string): DueStatus {
  const late = daysBetween(dueOn, today);
  if (late > 0)
    return { state: 'overdue', label: `overdue by ${late} ${late === 1 ? 'day' : 'days'}`, color: 'red' };
  if (late === 0) return { state: 'today', label: 'due today', color: 'orange' };
  return { state: 'upcoming', label: `next due ${formatShortDay(dueOn, today)}`, color: 'gray' };
}
