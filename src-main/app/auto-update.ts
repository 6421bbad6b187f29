import { app } from 'electron';
import electronUpdater from 'electron-updater';
import type { Updater } from '#core/updates/update-service';

/**
 * electron-updater's updater in a packaged app (it reads resources/app-update.yml, which electron-builder
 * writes from the publish section of build/electron-builder.yml); undefined otherwise, so development never
 * checks. The update service in the core decides when to check and what to show.
 */
export function createAppUpdater(): Updater | undefined {
  if (!app.isPackaged) return undefined;
  // A default import: electron-updater is CommonJS and defines autoUpdater with a getter Node's ES-module
  // loader cannot see as a named export. The getter builds the platform's updater (AppImage, deb, NSIS…).
  const { autoUpdater } = electronUpdater;
  autoUpdater.logger = console;
  return autoUpdater;
}
