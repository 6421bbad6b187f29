import type { UpdateChannel } from '#shared/domain/settings';
import type { ContractHandlers } from '#shared/ipc/contract';
import type { CoreEventHub } from '../events.ts';
import { createUpdateService, type Updater, type UpdateService } from './update-service.ts';

export interface AppUpdatesOptions {
  /** Absent in development, the web host and tests: updates then read as disabled. */
  updater?: Updater;
  /** Whether the cache holds the demo organization at start; the session's changes are followed after. */
  demo: boolean;
  channel: UpdateChannel;
  events: CoreEventHub;
  now?: () => number;
}

/**
 * The update service as the app runs it: never in development or the web host (no updater) nor in the demo
 * organization (a sales laptop, a workshop: nothing should change under the presenter). It follows the
 * settings (the update channel) and the session (entering or leaving the demo) on the event hub.
 */
export function createAppUpdates({ updater, demo, channel, events, now }: AppUpdatesOptions): UpdateService {
  let inDemo = demo;
  const updates = createUpdateService({
    updater: updater ?? null,
    disabledReason: () =>
      !updater
        ? 'This build does not update itself (development or the web host).'
        : inDemo
          ? 'Updates are not checked in the demo organization.'
          : null,
    channel,
    now,
    emit: events.emit,
  });
  events.on('settings.changed', (view) => updates.setChannel(view.settings.updateChannel));
  events.on('session.changed', (session) => {
    const nowDemo = session.state === 'signed_in' && session.demo;
    if (nowDemo === inDemo) return;
    inDemo = nowDemo;
    updates.refresh();
  });
  return updates;
}

export const updatesHandlers = (updates: UpdateService): ContractHandlers['updates'] => ({
  getStatus: async () => updates.getStatus(),
  check: () => updates.checkNow(),
  async restart() {
    updates.restart();
    return {};
  },
});
