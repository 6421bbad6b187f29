import type { Kysely } from 'kysely';
import {
  AppSettings,
  DEFAULT_SETTINGS,
  type HostFeatures,
  type SettingsPatch,
  type SettingsView,
} from '#shared/domain/settings';
import type { ContractHandlers } from '#shared/ipc/contract';
import type { EmitEvent } from '../events.ts';
import type { LocalDb } from '../store/local-db.ts';
import { readState, writeState } from '../store/local-state.repo.ts';

/** setTimeout's limit (about 24.8 days); a longer pause is watched again when this one fires. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/** What a host that declared nothing can do: nothing beyond the page itself. */
export const NO_HOST_FEATURES: HostFeatures = {
  tray: false,
  desktopNotifications: false,
  startAtLogin: false,
  updates: false,
};

export interface SettingsServiceOptions {
  db: Kysely<LocalDb>;
  host: HostFeatures;
  now?: () => number;
  /** Says 'settings.changed' after each change, and when a pause ends. */
  emit: EmitEvent;
}

/**
 * This device's settings, in the local cache. A pause that has ended reads as no pause; one update at a time,
 * so two quick changes (the tray pausing while the Settings screen sets quiet hours) never undo each other.
 */
export function createSettingsService({ db, host, now = Date.now, emit }: SettingsServiceOptions) {
  const onChanged = (view: SettingsView) => emit('settings.changed', view);
  let writing: Promise<unknown> = Promise.resolve();
  let pauseEnd: NodeJS.Timeout | undefined;

  /** When a pause ends the tray and the Settings screen must say so: announce the settings again then. */
  function watchPause(settings: AppSettings) {
    clearTimeout(pauseEnd);
    if (settings.pausedUntil === null) return;
    pauseEnd = setTimeout(
      () =>
        void read()
          .then((current) => {
            watchPause(current);
            onChanged({ settings: current, host });
          })
          .catch((err: unknown) =>
            console.error('Kith: reading the settings at the end of a pause failed', err),
          ),
      Math.min(settings.pausedUntil - now() + 1, MAX_TIMER_MS),
    );
    pauseEnd.unref();
  }

  /** A pause that has ended (or a pause until a past time) is no pause. */
  const dropEndedPause = (settings: AppSettings): AppSettings =>
    settings.pausedUntil !== null && settings.pausedUntil <= now()
      ? { ...settings, pausedUntil: null }
      : settings;

  async function read(): Promise<AppSettings> {
    return dropEndedPause((await readState(db, 'settings')) ?? DEFAULT_SETTINGS);
  }

  async function apply(patch: SettingsPatch): Promise<SettingsView> {
    const next = dropEndedPause(AppSettings.parse({ ...(await read()), ...patch }));
    await writeState(db, 'settings', next);
    watchPause(next);
    const view = { settings: next, host };
    onChanged(view);
    return view;
  }

  void read()
    .then(watchPause)
    .catch(() => undefined); // a database closing under us: nothing to watch

  return {
    read,
    async get(): Promise<SettingsView> {
      return { settings: await read(), host };
    },
    /** Only the fields given change; a pause until a past time means no pause. */
    update(patch: SettingsPatch): Promise<SettingsView> {
      const result = writing.then(() => apply(patch));
      writing = result.catch(() => undefined);
      return result;
    },
    close() {
      clearTimeout(pauseEnd);
    },
  };
}
export type SettingsService = ReturnType<typeof createSettingsService>;

export const settingsHandlers = (settings: SettingsService): ContractHandlers['settings'] => ({
  get: () => settings.get(),
  update: (patch) => settings.update(patch),
});
