import { join } from 'node:path';

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
};
