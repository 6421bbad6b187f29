import { describe, expect, it } from 'vitest';
import {
  buildTrayModel,
  MAX_COMMUNITY_ENTRIES,
  type TrayInput,
  type TrayMenuEntry,
} from '#core/desktop/tray-menu';
import { findTomorrowMorning, PAUSE_HOUR_MS } from '#shared/domain/settings';

const NOW = Date.UTC(2030, 0, 15, 12);
const TOMORROW = NOW + 20 * 60 * 60 * 1000;

function makeInput(overrides: Partial<TrayInput> = {}): TrayInput {
  return {
    unread: [],
    pausedUntil: null,
    updateReady: false,
    sync: { state: 'idle', lastSyncedAt: NOW },
    now: NOW,
    tomorrowMorning: TOMORROW,
    ...overrides,
  };
}

function listIds(entries: TrayMenuEntry[]): string[] {
  return entries.map((e) => (e.kind === 'separator' ? '—' : e.id));
}

function findEntry(entries: TrayMenuEntry[], id: string) {
  return entries.find((e) => e.kind !== 'separator' && e.id === id);
}

describe('buildTrayModel', () => {
  it('offers open, sync, pause and quit when nothing is unread', () => {
    const model = buildTrayModel(makeInput());
    expect(listIds(model.menu)).toEqual(['open', '—', 'sync-now', 'pause', '—', 'quit']);
    expect(model.icon).toBe('default');
    expect(model.tooltip).toBe('Kith: nothing unread');
  });

  it('lists communities with unread items, most first, each opening its community', () => {
    const model = buildTrayModel(
      makeInput({
        unread: [
          { communityId: 'a', name: 'Alpha', count: 2 },
          { communityId: 'b', name: 'Beta', count: 0 },
          { communityId: 'c', name: 'Gamma', count: 150 },
        ],
      }),
    );
    expect(listIds(model.menu)).toEqual([
      'open',
      '—',
      'community:c',
      'community:a',
      '—',
      'sync-now',
      'pause',
      '—',
      'quit',
    ]);
    expect(findEntry(model.menu, 'community:c')).toMatchObject({
      label: 'Gamma (99+)',
      action: { type: 'openRoute', route: '/communities/c' },
    });
    expect(model.icon).toBe('unread');
    expect(model.tooltip).toBe('Kith: 99+ unread');
  });

  it('folds communities past the limit into one line', () => {
    const unread = Array.from({ length: MAX_COMMUNITY_ENTRIES + 2 }, (_, i) => ({
      communityId: `c${i}`,
      name: `C${String(i).padStart(2, '0')}`,
      count: 1,
    }));
    const model = buildTrayModel(makeInput({ unread }));
    expect(model.menu.filter((e) => e.kind === 'item' && e.id.startsWith('community:'))).toHaveLength(
      MAX_COMMUNITY_ENTRIES,
    );
    expect(findEntry(model.menu, 'communities-more')).toMatchObject({ label: '2 more communities…' });
  });

  it.each([
    ['not paused', null, ['pause'], 'Kith: nothing unread'],
    ['paused', NOW + 1, ['resume'], 'Kith: nothing unread\nNotifications paused'],
    ['past its pause', NOW, ['pause'], 'Kith: nothing unread'],
  ])('offers pause or resume when %s', (_state, pausedUntil, ids, tooltip) => {
    const model = buildTrayModel(makeInput({ pausedUntil }));
    expect(listIds(model.menu)).toEqual(expect.arrayContaining(ids));
    expect(model.tooltip).toBe(tooltip);
  });

  it('pauses for one hour or until tomorrow morning', () => {
    const pause = findEntry(buildTrayModel(makeInput()).menu, 'pause');
    expect(pause).toMatchObject({
      kind: 'submenu',
      entries: [
        { id: 'pause-hour', label: 'For 1 hour', action: { type: 'pause', until: NOW + PAUSE_HOUR_MS } },
        { id: 'pause-tomorrow', label: 'Until tomorrow', action: { type: 'pause', until: TOMORROW } },
      ],
    });
  });

  it.each([
    [false, ['open', '—', 'sync-now', 'pause', '—', 'quit']],
    [true, ['open', '—', 'sync-now', 'pause', 'restart-to-update', '—', 'quit']],
  ])('shows Restart to update only when an update is ready (%s)', (updateReady, ids) => {
    expect(listIds(buildTrayModel(makeInput({ updateReady })).menu)).toEqual(ids);
  });

  it.each<[TrayInput['sync'], string, boolean, string]>([
    [{ state: 'idle', lastSyncedAt: NOW }, 'Sync now', true, 'Kith: nothing unread'],
    [{ state: 'syncing', lastSyncedAt: NOW, progress: null }, 'Syncing…', false, 'Kith: nothing unread'],
    [
      { state: 'offline', lastSyncedAt: NOW, message: 'No network', nextRetryAt: null },
      'Sync now',
      true,
      'Kith: nothing unread\nOffline',
    ],
    [
      { state: 'error', lastSyncedAt: NOW, message: 'Boom' },
      'Sync now',
      true,
      'Kith: nothing unread\nSync failed',
    ],
    [{ state: 'signed_out', lastSyncedAt: null }, 'Sync now', false, 'Kith: nothing unread'],
  ])('shows sync state %o', (sync, label, enabled, tooltip) => {
    const model = buildTrayModel(makeInput({ sync }));
    expect(findEntry(model.menu, 'sync-now')).toMatchObject({ label, enabled });
    expect(model.tooltip).toBe(tooltip);
  });
});

describe('findTomorrowMorning', () => {
  it('gives 08:00 local time on the next calendar day', () => {
    const now = new Date(2030, 2, 30, 23, 45).getTime();
    const morning = new Date(findTomorrowMorning(now));
    expect([morning.getFullYear(), morning.getMonth(), morning.getDate()]).toEqual([2030, 2, 31]);
    expect([morning.getHours(), morning.getMinutes()]).toEqual([8, 0]);
    // Just after midnight, tomorrow is still the next calendar day; the end of a month rolls over.
    expect(findTomorrowMorning(new Date(2026, 3, 13, 0, 10).getTime())).toBe(
      new Date(2026, 3, 14, 8, 0).getTime(),
    );
    expect(findTomorrowMorning(new Date(2026, 1, 28, 23, 0).getTime())).toBe(
      new Date(2026, 2, 1, 8, 0).getTime(),
    );
  });
});
