/** The calendar day (YYYY-MM-DD) of `time` on this computer's clock and time zone, `offsetDays` later. */
export function toLocalDay(time: number, offsetDays = 0): string {
  const t = new Date(time);
  const day = new Date(t.getFullYear(), t.getMonth(), t.getDate() + offsetDays);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${day.getFullYear()}-${pad(day.getMonth() + 1)}-${pad(day.getDate())}`;
}
