import type { Kysely } from 'kysely';
import { AppRoute } from '#shared/domain/notifications';
import { findTomorrowMorning, type AppSettings, type SettingsPatch } from '#shared/domain/settings';
import type { SyncStatus } from '#shared/domain/sync-status';
import type { UpdateStatus } from '#shared/domain/updates';
import type { IpcEventName } from '#shared/ipc/contract';
import { listUnreadByCommunity } from '../communities/activity.repo.ts';
import type { CoreDesktop } from '../core-types.ts';
import type { CoreEventHub } from '../events.ts';
import { buildTrayModel, type TrayAction } from './tray-menu.ts';
import type { LocalDb } from '../store/local-db.ts';

/** Events after which the tray may read differently; a burst of them redraws it once per 100 ms. */
const TRAY_EVENTS: readonly IpcEventName[] = [
  'communities.changed',
  'sync.status',
  'settings.changed',
  'updates.status',
  'session.changed',
];
const TRAY_THROTTLE_MS = 100;

export interface DesktopServiceOptions {
  db: Kysely<LocalDb>;
  /** Redraws the tray on its events; says 'app.navigate' when a notification or tray entry is clicked. */
  events: CoreEventHub;
  signedInPersonId: () => Promise<string | null>;
  settings: { read(): Promise<AppSettings>; update(patch: SettingsPatch): Promise<unknown> };
  sync: {
    getStatus(): Promise<SyncStatus>;
    syncNow(): Promise<unknown>;
    /** The computer woke or the network came back. */
    wake(): void;
  };
  updates: { getStatus(): UpdateStatus; restart(): void };
  now?: () => number;
}

/** What the host's tray and OS hooks call (see CoreDesktop); the tray's content is buildTrayModel's. */
export function createDesktopService(options: DesktopServiceOptions): CoreDesktop & { close(): void } {
  const now = options.now ?? Date.now;
  const listeners = new Set<() => void>();
  let timer: NodeJS.Timeout | undefined;
  // A throttle, not a debounce: a long run of sync.status events (a first sync) must not hold the tray off.
  const changed = () => {
    timer ??= setTimeout(() => {
      timer = undefined;
      for (const listener of listeners) listener();
    }, TRAY_THROTTLE_MS);
  };
  const unsubscribes = TRAY_EVENTS.map((event) => options.events.on(event, changed));

  return {
    async trayModel() {
      const personId = await options.signedInPersonId();
      const [unread, settings, sync] = await Promise.all([
        personId ? listUnreadByCommunity(options.db, personId) : [],
        options.settings.read(),
        options.sync.getStatus(),
      ]);
      const at = now();
      return buildTrayModel({
        unread: unread.map((u) => ({ communityId: u.communityId, name: u.name, count: u.unread })),
        pausedUntil: settings.pausedUntil,
        updateReady: options.updates.getStatus().state === 'ready',
        sync,
        now: at,
        tomorrowMorning: findTomorrowMorning(at),
      });
    },
    onTrayChanged(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async runTrayAction(action: TrayAction) {
      switch (action.type) {
        case 'syncNow':
          await options.sync.syncNow();
          return;
        case 'pause':
          await options.settings.update({ pausedUntil: action.until });
          return;
        case 'resume':
          await options.settings.update({ pausedUntil: null });
          return;
        case 'restartToUpdate':
          options.updates.restart();
          return;
        default:
          throw new Error(`The tray action "${action.type}" is the host's to run`);
      }
    },
    wake: () => options.sync.wake(),
    openRoute(route) {
      options.events.emit('app.navigate', { route: AppRoute.parse(route) });
    },
    close() {
      clearTimeout(timer);
      for (const unsubscribe of unsubscribes) unsubscribe();
      listeners.clear();
    },
  };
}
