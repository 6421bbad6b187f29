import { join } from 'node:path';
import { Menu, nativeImage, Tray, type MenuItemConstructorOptions, type NativeImage } from 'electron';
import type { CoreDesktop } from '#core/core-types';
import type { TrayAction, TrayMenuEntry, TrayModel } from '#core/desktop/tray-menu';
import { findTrayIconFile } from '#core/desktop/tray-icon-file';
import { describeError } from '#shared/errors';

/** The tray actions the shell runs itself; the core runs the others (sync, pause, resume, restart to update). */
export interface TrayHost {
  open(): void;
  openRoute(route: string): void;
  quit(): void;
}

/**
 * The tray icon: draws the core's TrayModel (icon, tooltip, menu) and redraws it whenever the core says it may
 * have changed. Returns its disposer.
 */
export function createKithTray(desktop: CoreDesktop, iconDir: string, host: TrayHost): () => void {
  const images: Record<TrayModel['icon'], NativeImage> = {
    default: loadIcon(iconDir, 'default'),
    unread: loadIcon(iconDir, 'unread'),
  };
  const tray = new Tray(images.default);
  let shownIcon: TrayModel['icon'] = 'default';
  tray.setToolTip('Kith');
  // Windows and Linux open the app on a click; on macOS a click opens the menu.
  if (process.platform !== 'darwin') tray.on('click', () => host.open());

  const runAction = (action: TrayAction) => {
    switch (action.type) {
      case 'open':
        return host.open();
      case 'openRoute':
        return host.openRoute(action.route);
      case 'quit':
        return host.quit();
      default:
        desktop.runTrayAction(action).catch((err: unknown) => {
          console.error(`Kith: the tray action ${action.type} failed: ${describeError(err)}`);
        });
    }
  };
  const toMenuItem = (entry: TrayMenuEntry): MenuItemConstructorOptions => {
    switch (entry.kind) {
      case 'separator':
        return { type: 'separator' };
      case 'submenu':
        return { id: entry.id, label: escapeMnemonics(entry.label), submenu: entry.entries.map(toMenuItem) };
      case 'item': {
        const { action } = entry;
        return {
          id: entry.id,
          label: escapeMnemonics(entry.label),
          enabled: entry.enabled,
          click: action ? () => runAction(action) : undefined,
        };
      }
    }
  };

  // Models are read asynchronously: only the latest request may draw, so a slow read never overwrites a newer one.
  let latest = 0;
  const redraw = () => {
    const request = ++latest;
    desktop.trayModel().then(
      (model) => {
        if (request !== latest || tray.isDestroyed()) return;
        // Only on a change: some Linux panels flicker on every new image.
        if (model.icon !== shownIcon) tray.setImage(images[model.icon]);
        shownIcon = model.icon;
        tray.setToolTip(model.tooltip);
        tray.setContextMenu(Menu.buildFromTemplate(model.menu.map(toMenuItem)));
      },
      (err: unknown) => console.error(`Kith: could not update the tray: ${describeError(err)}`),
    );
  };
  const unsubscribe = desktop.onTrayChanged(redraw);
  redraw();

  return () => {
    unsubscribe();
    tray.destroy();
  };
}

function loadIcon(iconDir: string, icon: TrayModel['icon']): NativeImage {
  const path = join(iconDir, findTrayIconFile(process.platform, icon));
  const image = nativeImage.createFromPath(path);
  if (image.isEmpty()) console.warn(`Kith: the tray icon ${path} is missing or unreadable`);
  return image;
}

/** Labels hold community names: a lone & would become a keyboard mnemonic on Windows and Linux (and vanish on macOS). */
function escapeMnemonics(label: string): string {
  return label.replaceAll('&', '&&');
}
