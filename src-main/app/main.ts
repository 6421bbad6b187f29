/**
 * The Electron shell: windows, the app:// protocol, the IPC relay, the security policy, the demo server and the
 * secret store. Everything that decides anything lives in the core (#core/create-core). The security
 * checklist, item by item, is in security-policy.ts.
 */
import { join } from 'node:path';
import {
  app,
  BrowserWindow,
  dialog,
  type FileFilter,
  type OpenDialogOptions,
  type SaveDialogOptions,
} from 'electron';
import { createCore } from '#core/create-core';
import type { Core } from '#core/core-types';
import type { GraphExportFormat } from '#shared/domain/graph';
import { describeError } from '#shared/errors';
import { createDispatcher } from '#shared/ipc/dispatch';
import { handleAppProtocol, registerAppScheme } from './app-protocol.ts';
import { bundlePaths } from './bundle-paths.ts';
import { createDemoServer } from './demo-server.ts';
import { forwardCoreEvents, registerIpcHandlers } from './ipc-bridge.ts';
import { createMainWindow, focusWindow } from './main-window.ts';
import { createSafeStorageSecrets } from './safe-storage-secrets.ts';
import { applySecurityPolicy, enableProcessSandbox } from './security-policy.ts';

/** How long quitting waits for the core to commit and close before exiting anyway. */
const CLOSE_TIMEOUT_MS = 10_000;

// Both must happen before 'ready'.
registerAppScheme();
enableProcessSandbox();

if (app.requestSingleInstanceLock()) {
  runApp();
} else {
  // Another Kith is running; it gets 'second-instance' and comes forward.
  app.quit();
}

function runApp(): void {
  const userData = app.getPath('userData');
  const demoServer = createDemoServer(bundlePaths.demoServer, userData);
  const disposers: Array<() => void> = [];
  let mainWindow: BrowserWindow | null = null;

  const openMainWindow = () => {
    const window = createMainWindow(bundlePaths.preload);
    window.on('closed', () => {
      if (mainWindow === window) mainWindow = null;
    });
    mainWindow = window;
  };

  const coreReady: Promise<Core | null> = app
    .whenReady()
    .then(async () => {
      applySecurityPolicy();
      handleAppProtocol(bundlePaths.renderer);
      const core = await createCore({
        dataDir: userData,
        secrets: createSafeStorageSecrets(join(userData, 'secrets.json')),
        launchDemoServer: () => demoServer.launch(),
        liveUpdates: true,
        chooseExportFolder: () => chooseExportFolder(mainWindow),
        chooseSaveFile: (name, format) => chooseSaveFile(mainWindow, name, format),
      });
      disposers.push(registerIpcHandlers(createDispatcher(core.handlers)));
      disposers.push(forwardCoreEvents(core.events, () => mainWindow?.webContents ?? null));
      openMainWindow();
      return core;
    })
    .catch((err: unknown) => {
      console.error(err);
      dialog.showErrorBox('Kith could not start', describeError(err));
      app.exit(1);
      return null;
    });

  app.on('second-instance', () => {
    if (mainWindow) focusWindow(mainWindow);
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('activate', () => {
    void coreReady.then((core) => {
      if (core && BrowserWindow.getAllWindows().length === 0) openMainWindow();
    });
  });

  // Quitting waits for the core to commit pending writes and close the database, then exits.
  let shutdown: Promise<void> | null = null;
  app.on('before-quit', (event) => {
    event.preventDefault();
    shutdown ??= closeEverything().finally(() => app.exit(0));
  });

  async function closeEverything(): Promise<void> {
    for (const dispose of disposers.splice(0)) dispose();
    const core = await coreReady;
    try {
      if (core) await withTimeout(core.close(), CLOSE_TIMEOUT_MS, 'closing the local database');
    } catch (err) {
      console.error(`Kith: ${describeError(err)}`);
    } finally {
      demoServer.stop();
    }
  }
}

/** The folder dialog of "Export as Markdown": the person picks (or creates) a folder; null when cancelled. */
async function chooseExportFolder(window: BrowserWindow | null): Promise<string | null> {
  const options: OpenDialogOptions = {
    title: 'Export notes as Markdown',
    buttonLabel: 'Export here',
    properties: ['openDirectory', 'createDirectory'],
  };
  const result = window ? await dialog.showOpenDialog(window, options) : await dialog.showOpenDialog(options);
  return result.canceled ? null : (result.filePaths[0] ?? null);
}

const EXPORT_FILTERS: Record<GraphExportFormat, FileFilter> = {
  png: { name: 'PNG image', extensions: ['png'] },
  gexf: { name: 'GEXF graph (Gephi)', extensions: ['gexf'] },
  graphml: { name: 'GraphML graph', extensions: ['graphml'] },
};

/** The save dialog of a graph export; null when cancelled. */
async function chooseSaveFile(
  window: BrowserWindow | null,
  suggestedName: string,
  format: GraphExportFormat,
): Promise<string | null> {
  const options: SaveDialogOptions = {
    title: 'Export the network graph',
    defaultPath: join(app.getPath('documents'), suggestedName),
    filters: [EXPORT_FILTERS[format]],
    properties: ['createDirectory', 'showOverwriteConfirmation'],
  };
  const result = window ? await dialog.showSaveDialog(window, options) : await dialog.showSaveDialog(options);
  return result.canceled || !result.filePath ? null : result.filePath;
}

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} took longer than ${ms / 1000} s`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
