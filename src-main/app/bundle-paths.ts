import { join } from 'node:path';
import { app } from 'electron';

/**
 * Paths of the other bundles, relative to this one (out/main/index.js). electron-vite emits ES modules for a
 * "type": "module" package, where import.meta.dirname is defined (and would be rewritten to __dirname for CJS).
 */
const mainDir = import.meta.dirname;

export const bundlePaths = {
  /** CommonJS on purpose: a sandboxed preload cannot be an ES module. */
  preload: join(mainDir, '../preload/index.cjs'),
  renderer: join(mainDir, '../renderer'),
  demoServer: join(mainDir, 'server.js'),
  /**
   * The tray images (scripts/make-tray-icons.mjs): outside the asar in a packaged app (extraResources in
   * build/electron-builder.yml), straight from build/tray when run from out/.
   */
  trayIcons: app.isPackaged ? join(process.resourcesPath, 'tray') : join(mainDir, '../../build/tray'),
};
