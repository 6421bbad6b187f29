import { addDays } from '../local-day.ts';
import type { Connection } from './connection.ts';

/** The cadences offered in a pick list; any other number of days (1–365) is a custom one. */
export const KEEP_IN_TOUCH_PRESETS = [
  { days: 7, label: 'Every week' },
  { days: 14, label: 'Every 2 weeks' },
  { days: 30, label: 'Every month' },
  { days: 90, label: 'Every quarter' },
  { days: 180, label: 'Every half-year' },
  { days: 365, label: 'Every year' },
] as const;

/**
 * The day a keep-in-touch reminder falls due: the last interaction, else "known since", else the day of the
 * last edit (`dayOf` gives a moment's local day), plus the cadence. Null without a cadence. The core
 * computes the same in SQL to select what is due.
 */
export function keepInTouchDueOn(
  connection: Pick<Connection, 'keepInTouchDays' | 'lastInteractionAt' | 'since' | 'updatedAt'>,
  dayOf: (time: number) => string,
): string | null {
  if (connection.keepInTouchDays === null) return null;
  const from = connection.lastInteractionAt ?? connection.since ?? dayOf(connection.updatedAt);
  return addDays(from, connection.keepInTouchDays);
}
