import type { CommunitySummary } from '#shared/domain/community';
import { QuietHours } from '#shared/domain/settings';
import { daysBetween, toLocalDay } from '#shared/local-day';

/** Quiet hours a user switches on start as a night: 22:00 to 07:00. */
export const DEFAULT_QUIET_HOURS: QuietHours = { start: 22 * 60, end: 7 * 60 };

/** Minutes since local midnight as an `<input type="time">` value: 1320 → "22:00". */
export function minuteToTime(minute: number): string {
  const hours = Math.floor(minute / 60);
  const minutes = minute % 60;
  return `${String(hours).padStart(2, '0')}:${String(minutes).padStart(2, '0')}`;
}

/** An `<input type="time">` value as minutes since midnight; null when blank or not a time of day. */
export function timeToMinute(value: string): number | null {
  const match = /^(\d{1,2}):(\d{2})(?::\d{2}(?:\.\d+)?)?$/.exec(value.trim());
  if (!match) return null;
  const hours = Number(match[1]);
  const minutes = Number(match[2]);
  if (hours > 23 || minutes > 59) return null;
  return hours * 60 + minutes;
}

/** The two time inputs' values as quiet hours, or the reason they are not valid ones (the core's words). */
export function parseQuietHours(
  start: string,
  end: string,
): { ok: true; value: QuietHours } | { ok: false; error: string } {
  const startMinute = timeToMinute(start);
  const endMinute = timeToMinute(end);
  if (startMinute === null || endMinute === null) {
    return { ok: false, error: 'Enter a start and an end time' };
  }
  const parsed = QuietHours.safeParse({ start: startMinute, end: endMinute });
  if (!parsed.success) {
    return { ok: false, error: parsed.error.issues[0]?.message ?? 'These are not valid quiet hours' };
  }
  return { ok: true, value: parsed.data };
}

/** How long quiet hours last and whether they run past midnight: "9 h, overnight", "1 h 30 min". */
export function describeQuietHours({ start, end }: QuietHours): string {
  const length = (end - start + 24 * 60) % (24 * 60);
  const hours = Math.floor(length / 60);
  const minutes = length % 60;
  const duration = [hours ? `${hours} h` : '', minutes ? `${minutes} min` : ''].filter(Boolean).join(' ');
  return end < start ? `${duration}, overnight` : duration;
}

export function isPaused(pausedUntil: number | null, now: number): pausedUntil is number {
  return pausedUntil !== null && pausedUntil > now;
}

/** A time of day as this computer's locale writes it: "08:00", "08:00 AM". */
export function formatTimeOfDay(timestamp: number, locale?: string): string {
  return new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit' }).format(timestamp);
}

/**
 * "Paused until 15:42", "Paused until tomorrow, 08:00", "Paused until Fri 13 Mar, 08:00"; null when not
 * paused (never, or the pause has run out).
 */
export function describePause(pausedUntil: number | null, now: number, locale?: string): string | null {
  if (!isPaused(pausedUntil, now)) return null;
  const time = formatTimeOfDay(pausedUntil, locale);
  const days = daysBetween(toLocalDay(now), toLocalDay(pausedUntil));
  if (days === 0) return `Paused until ${time}`;
  if (days === 1) return `Paused until tomorrow, ${time}`;
  const day = new Intl.DateTimeFormat(locale, { weekday: 'short', day: 'numeric', month: 'short' }).format(
    pausedUntil,
  );
  return `Paused until ${day}, ${time}`;
}

/**
 * The communities whose notifications the user can tune: those they are an active member of or follow,
 * and those in `keep` (changed on this screen: unfollowing one must not make it vanish before it can be undone).
 */
export function listNotifiableCommunities(
  items: readonly CommunitySummary[],
  keep: ReadonlySet<string> = new Set(),
): CommunitySummary[] {
  return items.filter(
    (item) => item.me.status === 'active' || item.me.followed || keep.has(item.community.id),
  );
}

/** What a community's follow and mute state means for notifications, in a few words. */
export function describeCommunityNotifications(me: { followed: boolean; muted: boolean }): string {
  if (me.muted) return 'Muted: only answers to your questions and mentions';
  if (me.followed) return 'New posts, questions and events';
  return 'Only answers to your questions and mentions';
}
