/**
 * The calendar day (YYYY-MM-DD) of `time` on this computer's clock and time zone, `offsetDays` later. The one
 * way the app turns a moment into a day ("today", a note's day, a pause's end), so the core and the renderer
 * draw the line between days at the same local midnight.
 */
export function toLocalDay(time: number, offsetDays = 0): string {
  const t = new Date(time);
  const day = new Date(t.getFullYear(), t.getMonth(), t.getDate() + offsetDays);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${day.getFullYear()}-${pad(day.getMonth() + 1)}-${pad(day.getDate())}`;
}

/** A YYYY-MM-DD day `days` later (or earlier, when negative), by the calendar: no time zone involved. */
export function addDays(day: string, days: number): string {
  const [y, m, d] = day.split('-').map(Number);
  return new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1, (d ?? 1) + days)).toISOString().slice(0, 10);
}

/** Whole days from `from` to `to` (YYYY-MM-DD): positive when `to` is later. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}
