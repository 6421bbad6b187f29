import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findNotificationIconFile, findTrayIconFile } from '#core/desktop/tray-icon-file';

const TRAY_DIR = join(import.meta.dirname, '../../../../build/tray');
const PLATFORMS: NodeJS.Platform[] = ['darwin', 'win32', 'linux'];

describe('findTrayIconFile', () => {
  it('uses template images on macOS, 16 px on Windows and 32 px on Linux', () => {
    expect(findTrayIconFile('darwin', 'unread')).toBe('kith-unreadTemplate.png');
    expect(findTrayIconFile('win32', 'default')).toBe('kith-default-16.png');
    expect(findTrayIconFile('linux', 'unread')).toBe('kith-unread-32.png');
  });

  it('names files that exist in build/tray, each with its @2x sibling', () => {
    for (const platform of PLATFORMS) {
      for (const icon of ['default', 'unread'] as const) {
        const file = findTrayIconFile(platform, icon);
        expect(existsSync(join(TRAY_DIR, file)), file).toBe(true);
        expect(existsSync(join(TRAY_DIR, file.replace(/\.png$/, '@2x.png'))), file).toBe(true);
      }
    }
  });
});

describe('findNotificationIconFile', () => {
  it('gives Linux notifications the Kith mark, from a file that exists; the others use the app icon', () => {
    const file = findNotificationIconFile('linux');
    expect(file).not.toBeNull();
    expect(existsSync(join(TRAY_DIR, file ?? ''))).toBe(true);
    expect(findNotificationIconFile('darwin')).toBeNull();
    expect(findNotificationIconFile('win32')).toBeNull();
  });
});
