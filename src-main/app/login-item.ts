import { mkdir, rm, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { dirname } from 'node:path';
import { app } from 'electron';
import {
  buildAutostartEntry,
  findAutostartExec,
  findAutostartPath,
  START_HIDDEN_FLAG,
} from '#core/desktop/autostart-entry';
import { describeError } from '#shared/errors';

/** Started at login on Linux or Windows: the window waits until the tray (or a second launch) asks for it. */
export function wasStartedHidden(): boolean {
  return process.argv.includes(START_HIDDEN_FLAG);
}

/**
 * Only a packaged app: a development run would register the bare Electron binary, which starts Electron's
 * default app rather than Kith.
 */
export function canStartAtLogin(): boolean {
  return app.isPackaged && ['darwin', 'win32', 'linux'].includes(process.platform);
}

/**
 * Applies the start-at-login setting: Electron's login item on macOS and Windows, an XDG autostart entry on
 * Linux. The first call always applies (so a moved AppImage is found again); later ones only on a change.
 */
export function createStartAtLogin(): (enabled: boolean) => void {
  let applied: boolean | null = null;
  return (enabled) => {
    if (enabled === applied) return;
    applied = enabled;
    applyStartAtLogin(enabled).catch((err: unknown) => {
      applied = null;
      console.error(`Kith: could not ${enabled ? 'add' : 'remove'} the login item: ${describeError(err)}`);
    });
  };
}

async function applyStartAtLogin(enabled: boolean): Promise<void> {
  if (process.platform !== 'linux') {
    // Windows passes the args at login; macOS ignores them (its login items open the window as usual).
    app.setLoginItemSettings({ openAtLogin: enabled, args: [START_HIDDEN_FLAG] });
    return;
  }
  const path = findAutostartPath(process.env, homedir());
  if (!enabled) {
    await rm(path, { force: true });
    return;
  }
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, buildAutostartEntry(findAutostartExec(process.env, process.execPath)));
}
