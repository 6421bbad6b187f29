import { z } from 'zod';

/** Minutes since local midnight: 0 (00:00) to 1439 (23:59). */
export const LocalMinute = z.number().int().min(0).max(1439);

/** Quiet hours in local time; a start after the end spans midnight (22:00–07:00). */
export const QuietHours = z
  .strictObject({ start: LocalMinute, end: LocalMinute })
  .refine((q) => q.start !== q.end, { error: 'Quiet hours must start and end at different times' });
export type QuietHours = z.infer<typeof QuietHours>;

/** stable: releases only; beta: pre-releases too (electron-updater's allowPrerelease and channel). */
export const UpdateChannel = z.enum(['stable', 'beta']);
export type UpdateChannel = z.infer<typeof UpdateChannel>;

/** This device's settings (kept in the local cache, not synced): how Kith behaves on this desktop. */
export const AppSettings = z.object({
  /** null: off (the default). */
  quietHours: QuietHours.nullable(),
  /** Notifications are paused until this time (ms since epoch); null: not paused. */
  pausedUntil: z.number().int().min(0).nullable(),
  /** Closing the window keeps Kith running in the tray. */
  closeToTray: z.boolean(),
  startAtLogin: z.boolean(),
  updateChannel: UpdateChannel,
});
export type AppSettings = z.infer<typeof AppSettings>;

export const DEFAULT_SETTINGS: AppSettings = {
  quietHours: null,
  pausedUntil: null,
  closeToTray: true,
  startAtLogin: false,
  updateChannel: 'stable',
};

/** Only the fields given change. */
export const SettingsPatch = AppSettings.partial().strict();
export type SettingsPatch = z.infer<typeof SettingsPatch>;

/** What the host running the core can do; the Settings screen disables what it can't. */
export const HostFeatures = z.object({
  /** A tray icon and menu (close-to-tray needs it). */
  tray: z.boolean(),
  /** Desktop notifications from the OS; without them the page shows its own. */
  desktopNotifications: z.boolean(),
  startAtLogin: z.boolean(),
  /** Whether this build can update itself (a packaged app; not the web host, not development). */
  updates: z.boolean(),
});
export type HostFeatures = z.infer<typeof HostFeatures>;

export const SettingsView = z.object({ settings: AppSettings, host: HostFeatures });
export type SettingsView = z.infer<typeof SettingsView>;

/** "Pause notifications for 1 hour", in the tray and in Settings. */
export const PAUSE_HOUR_MS = 60 * 60 * 1000;
/** When "until tomorrow" ends, in local hours: the start of a working day. */
export const TOMORROW_MORNING_HOUR = 8;

/** Local 08:00 on the calendar day after `now`, through Date so daylight-saving changes land on the right hour. */
export function findTomorrowMorning(now: number): number {
  const morning = new Date(now);
  morning.setDate(morning.getDate() + 1);
  morning.setHours(TOMORROW_MORNING_HOUR, 0, 0, 0);
  return morning.getTime();
}
