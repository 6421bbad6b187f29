const numberFormat = new Intl.NumberFormat('en-US');

export function formatCount(count: number, singular: string, plural = `${singular}s`): string {
  return `${numberFormat.format(count)} ${count === 1 ? singular : plural}`;
}

export function initialsOf(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  const first = words[0]?.[0] ?? '?';
  const last = words.length > 1 ? (words[words.length - 1]?.[0] ?? '') : '';
  return (first + last).toUpperCase();
}

/** "just now", "2 min ago", "3 h ago", "4 days ago". */
export function formatAgo(timestamp: number, now: number): string {
  const seconds = Math.max(0, Math.round((now - timestamp) / 1000));
  if (seconds < 45) return 'just now';
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.round(minutes / 60);
  if (hours < 24) return `${hours} h ago`;
  const days = Math.round(hours / 24);
  return `${days} ${days === 1 ? 'day' : 'days'} ago`;
}

/** "in 30 s", "in 2 min", "now". */
export function formatIn(timestamp: number, now: number): string {
  const seconds = Math.round((timestamp - now) / 1000);
  if (seconds <= 0) return 'now';
  if (seconds < 60) return `in ${seconds} s`;
  return `in ${Math.round(seconds / 60)} min`;
}

/** The time of day in a person's timezone, or null when the zone is unknown to this runtime. */
export function formatLocalTime(timezone: string, now: number): { time: string; offset: string } | null {
  if (!timezone) return null;
  try {
    const parts = new Intl.DateTimeFormat('en-GB', {
      timeZone: timezone,
      hour: '2-digit',
      minute: '2-digit',
      weekday: 'short',
      timeZoneName: 'shortOffset',
    }).formatToParts(now);
    const get = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
    return { time: `${get('weekday')} ${get('hour')}:${get('minute')}`, offset: get('timeZoneName') };
  } catch {
    return null;
  }
}

/** A palette colour picked from a string, so a person keeps the same avatar colour everywhere. */
const avatarColors = ['blue', 'cyan', 'teal', 'green', 'grape', 'violet', 'indigo', 'orange', 'pink', 'red'];
export function colorFor(key: string): string {
  let hash = 0;
  for (let i = 0; i < key.length; i += 1) hash = (hash * 31 + key.charCodeAt(i)) | 0;
  return avatarColors[Math.abs(hash) % avatarColors.length] ?? 'blue';
}

/** "12 Mar 2026" for a moment, in the reader's locale and timezone. */
export function formatDate(timestamp: number): string {
  return new Date(timestamp).toLocaleDateString(undefined, {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
  });
}
