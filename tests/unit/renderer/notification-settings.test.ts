import { describe, expect, it } from 'vitest';
import type { CommunitySummary } from '#shared/domain/community';
import {
  describeCommunityNotifications,
  describePause,
  describeQuietHours,
  isPaused,
  listNotifiableCommunities,
  minuteToTime,
  parseQuietHours,
  timeToMinute,
} from '../../../src-renderer/lib/notification-settings.ts';

const local = (y: number, m: number, d: number, h = 0, min = 0) => new Date(y, m - 1, d, h, min).getTime();

describe('quiet hours times', () => {
  it('writes minutes since midnight as HH:MM and reads them back', () => {
    expect(minuteToTime(0)).toBe('00:00');
    expect(minuteToTime(7 * 60 + 5)).toBe('07:05');
    expect(minuteToTime(1439)).toBe('23:59');
    for (const minute of [0, 1, 59, 60, 721, 1320, 1439])
      expect(timeToMinute(minuteToTime(minute))).toBe(minute);
  });

  it('reads what a time input may hold, seconds included, and refuses the rest', () => {
    expect(timeToMinute('22:00')).toBe(1320);
    expect(timeToMinute('7:30')).toBe(450);
    expect(timeToMinute('08:15:00')).toBe(495);
    expect(timeToMinute('08:15:00.000')).toBe(495);
    for (const bad of ['', '24:00', '12:60', '1230', 'noon', '12:3', '-1:00'])
      expect(timeToMinute(bad)).toBeNull();
  });

  it('accepts a span over midnight and refuses one that starts when it ends, in the core’s words', () => {
    expect(parseQuietHours('22:00', '07:00')).toEqual({ ok: true, value: { start: 1320, end: 420 } });
    expect(parseQuietHours('12:00', '13:30')).toEqual({ ok: true, value: { start: 720, end: 810 } });
    expect(parseQuietHours('08:00', '08:00')).toEqual({
      ok: false,
      error: 'Quiet hours must start and end at different times',
    });
    expect(parseQuietHours('', '07:00')).toEqual({ ok: false, error: 'Enter a start and an end time' });
  });

  it('says how long they last and whether they run overnight', () => {
    expect(describeQuietHours({ start: 1320, end: 420 })).toBe('9 h, overnight');
    expect(describeQuietHours({ start: 720, end: 810 })).toBe('1 h 30 min');
    expect(describeQuietHours({ start: 1430, end: 5 })).toBe('15 min, overnight');
    expect(describeQuietHours({ start: 5, end: 4 })).toBe('23 h 59 min, overnight');
  });
});

describe('pause', () => {
  const now = local(2026, 3, 12, 14, 30);

  it('is paused only until the time has come', () => {
    expect(isPaused(null, now)).toBe(false);
    expect(isPaused(now - 1, now)).toBe(false);
    expect(isPaused(now, now)).toBe(false);
    expect(isPaused(now + 1, now)).toBe(true);
  });

  it('names the time it resumes: today, tomorrow, or a later day', () => {
    expect(describePause(null, now)).toBeNull();
    expect(describePause(now - 60_000, now)).toBeNull();
    expect(describePause(local(2026, 3, 12, 15, 30), now, 'en-GB')).toBe('Paused until 15:30');
    expect(describePause(local(2026, 3, 13, 8, 0), now, 'en-GB')).toBe('Paused until tomorrow, 08:00');
    expect(describePause(local(2026, 3, 16, 8, 0), now, 'en-GB')).toBe('Paused until Mon 16 Mar, 08:00');
  });
});

describe('community notifications', () => {
  const summary = (id: string, me: Partial<CommunitySummary['me']>): CommunitySummary =>
    ({
      community: { id, name: id },
      me: { role: null, status: null, followed: false, muted: false, ...me },
    }) as CommunitySummary;

  it('lists the communities one is an active member of or follows, and those just changed', () => {
    const items = [
      summary('member', { role: 'member', status: 'active' }),
      summary('follower', { followed: true }),
      summary('requested', { role: 'member', status: 'requested' }),
      summary('stranger', {}),
      summary('just-unfollowed', {}),
    ];
    expect(listNotifiableCommunities(items).map((c) => c.community.id)).toEqual(['member', 'follower']);
    expect(listNotifiableCommunities(items, new Set(['just-unfollowed'])).map((c) => c.community.id)).toEqual(
      ['member', 'follower', 'just-unfollowed'],
    );
  });

  it('says what follow and mute mean for notifications', () => {
    expect(describeCommunityNotifications({ followed: true, muted: false })).toBe(
      'New posts, questions and events',
    );
    expect(describeCommunityNotifications({ followed: true, muted: true })).toMatch(/^Muted/);
    expect(describeCommunityNotifications({ followed: false, muted: false })).toMatch(/^Only answers/);
  });
});
