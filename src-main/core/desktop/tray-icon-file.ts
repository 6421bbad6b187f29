import type { TrayModel } from './tray-menu.ts';

/**
 * The tray image per platform, as drawn by scripts/make-tray-icons.mjs into build/tray (each with an @2x
 * sibling that Electron loads beside it): a black template on macOS, which the menu bar recolours for light
 * and dark; 16 px on Windows, the notification area's size; 32 px on Linux, whose panels scale it to 22–24 px.
 */
export function findTrayIconFile(platform: NodeJS.Platform, icon: TrayModel['icon']): string {
  if (platform === 'darwin') return `kith-${icon}Template.png`;
  return `kith-${icon}-${platform === 'win32' ? 16 : 32}.png`;
}

/**
 * The image beside a desktop notification: Linux shows none unless given one (macOS and Windows show the
 * app's own icon), so there the 64 px Kith mark.
 */
export function findNotificationIconFile(platform: NodeJS.Platform): string | null {
  return platform === 'linux' ? 'kith-default-32@2x.png' : null;
}
