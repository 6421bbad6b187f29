import type { Kysely } from 'kysely';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createEventHub } from '#core/events';
import { createSettingsService, NO_HOST_FEATURES } from '#core/settings/settings-service';
import { openLocalDb, type LocalDb } from '#core/store/local-db';
import { DEFAULT_SETTINGS, type SettingsView } from '#shared/domain/settings';
import { makeTempDir } from '../../../support/temp-dir.ts';

const HOUR = 60 * 60 * 1000;

describe('settings service', () => {
  let dir: Awaited<ReturnType<typeof makeTempDir>>;
  let db: Kysely<LocalDb>;
  let clock: number;
  let announced: SettingsView[];
  const open = () => {
    const events = createEventHub();
    events.on('settings.changed', (view) => announced.push(view));
    return createSettingsService({ db, host: NO_HOST_FEATURES, now: () => clock, emit: events.emit });
  };

  beforeEach(async () => {
    dir = await makeTempDir();
    db = await openLocalDb(dir.path);
    clock = Date.UTC(2030, 0, 15, 12);
    announced = [];
  });
  afterEach(async () => {
    vi.useRealTimers();
    await db.destroy();
    await dir.remove();
  });

  it('starts from the defaults: quiet hours off, not paused, close to tray on, stable channel', async () => {
    const view = await open().get();
    expect(view).toEqual({ settings: DEFAULT_SETTINGS, host: NO_HOST_FEATURES });
  });

  it('changes only the fields given, announces the result and keeps it across a reopen', async () => {
    const settings = open();
    await settings.update({ quietHours: { start: 22 * 60, end: 7 * 60 } });
    await settings.update({ updateChannel: 'beta' });
    const expected = { ...DEFAULT_SETTINGS, quietHours: { start: 1320, end: 420 }, updateChannel: 'beta' };
    expect(announced.at(-1)?.settings).toEqual(expected);
    expect((await open().get()).settings).toEqual(expected);
  });

  it('refuses bad settings and changes nothing', async () => {
    const settings = open();
    await settings.update({ startAtLogin: true });
    await expect(settings.update({ quietHours: { start: 600, end: 600 } })).rejects.toThrow(
      /different times/,
    );
    await expect(settings.update({ quietHours: { start: 0, end: 1440 } })).rejects.toThrow();
    expect((await settings.get()).settings).toEqual({ ...DEFAULT_SETTINGS, startAtLogin: true });
    expect(announced).toHaveLength(1);
  });

  it('reads a pause that has ended as no pause', async () => {
    const settings = open();
    await settings.update({ pausedUntil: clock + HOUR });
    expect((await settings.get()).settings.pausedUntil).toBe(clock + HOUR);
    clock += HOUR;
    expect((await settings.get()).settings.pausedUntil).toBeNull();
  });

  it('a pause until a past time is no pause', async () => {
    const view = await open().update({ pausedUntil: clock - 1 });
    expect(view.settings.pausedUntil).toBeNull();
  });

  it('two quick updates both land', async () => {
    const settings = open();
    await Promise.all([
      settings.update({ pausedUntil: clock + HOUR }),
      settings.update({ closeToTray: false }),
    ]);
    expect((await settings.get()).settings).toMatchObject({ pausedUntil: clock + HOUR, closeToTray: false });
  });

  it('announces the settings again when a pause ends, so the tray offers "Pause" again', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const settings = open();
    await settings.update({ pausedUntil: clock + HOUR });
    announced = [];
    clock += HOUR + 1;
    await vi.advanceTimersByTimeAsync(HOUR + 1);
    await vi.waitFor(() => expect(announced).toHaveLength(1));
    expect(announced[0]?.settings.pausedUntil).toBeNull();
    settings.close();
  });
});
