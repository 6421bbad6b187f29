/**
 * The Electron shell: windows, the app:// protocol, the IPC relay, the security policy, the demo server, the
 * secret store, the tray, desktop notifications, wake-ups, start at login and updates. Everything that
 * decides anything lives in the core (#core/create-core). The security checklist, item by item, is in
 * security-policy.ts.
 */
import { join } from 'node:path';
import {
  app,
  autoUpdater,
  BrowserWindow,
  dialog,
  nativeImage,
  Notification,
  type FileFilter,
  type OpenDialogOptions,
  type SaveDialogOptions,
} from 'electron';
import { createCore } from '#core/create-core';
import type { Core } from '#core/core-types';
import { findNotificationIconFile } from '#core/desktop/tray-icon-file';
import { decideWindowClose } from '#core/desktop/window-close';
import type { GraphExportFormat } from '#shared/domain/graph';
import { AppRoute } from '#shared/domain/notifications';
import type { SettingsView } from '#shared/domain/settings';
import { describeError } from '#shared/errors';
import { createDispatcher } from '#shared/ipc/dispatch';
import { handleAppProtocol, registerAppScheme } from './app-protocol.ts';
import { bundlePaths } from './bundle-paths.ts';
import { createAppUpdater } from './auto-update.ts';
import { createDemoServer } from './demo-server.ts';
import { showDesktopNotifications } from './desktop-notifications.ts';
import { forwardCoreEvents, registerIpcHandlers } from './ipc-bridge.ts';
import { canStartAtLogin, createStartAtLogin, wasStartedHidden } from './login-item.ts';
import { createMainWindow, focusWindow, hideWindow } from './main-window.ts';
import { createSafeStorageSecrets } from './safe-storage-secrets.ts';
import { applySecurityPolicy, enableProcessSandbox, openSignInPage } from './security-policy.ts';
import { createKithTray } from './tray.ts';
import { watchWakeEvents } from './wake-events.ts';

/** How long quitting waits for the core to commit and close before exiting anyway. */
const CLOSE_TIMEOUT_MS = 10_000;
/** appId in build/electron-builder.yml: Windows shows a toast only for the AUMID of the Start-menu shortcut. */
const APP_USER_MODEL_ID = 'com.kith.desktop';

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
  let hasTray = false;
  let closeToTray = false;
  /** Set once quitting starts (or an update is about to install): the window must then really close. */
  let quitting = false;

  if (process.platform === 'win32') app.setAppUserModelId(APP_USER_MODEL_ID);

  const openMainWindow = (route?: string) => {
    const window = createMainWindow(bundlePaths.preload, route);
    window.on('close', (event) => {
      if (decideWindowClose({ platform: process.platform, closeToTray, hasTray, quitting }) === 'hide') {
        event.preventDefault();
        hideWindow(window);
      }
    });
    window.on('closed', () => {
      if (mainWindow === window) mainWindow = null;
    });
    mainWindow = window;
  };

  const showMainWindow = () => {
    if (mainWindow) focusWindow(mainWindow);
    else openMainWindow();
  };

  /** A notification or tray entry was clicked: the window comes forward and the page opens the route. */
  const openRoute = (core: Core, route: string) => {
    try {
      if (mainWindow) {
        focusWindow(mainWindow);
        core.desktop.openRoute(route);
      } else {
        openMainWindow(AppRoute.parse(route));
      }
    } catch (err) {
      console.error(`Kith: could not open ${route}: ${describeError(err)}`);
    }
  };

  /** Tray, notifications, wake-ups and start at login: what runs beside the window, all undone on quit. */
  const startShell = async (core: Core) => {
    const startAtLogin = createStartAtLogin();
    const applySettings = ({ settings, host }: SettingsView) => {
      closeToTray = settings.closeToTray;
      if (host.startAtLogin) startAtLogin(settings.startAtLogin);
    };
    disposers.push(core.events.on('settings.changed', applySettings));
    applySettings(await core.handlers.settings.get(undefined));
    // Signing in with the company's identity provider ends in the browser: Kith comes back to the front.
    disposers.push(
      core.events.on('session.changed', (session) => {
        if (session.state === 'signed_in') showMainWindow();
      }),
    );

    disposers.push(
      createKithTray(core.desktop, bundlePaths.trayIcons, {
        open: showMainWindow,
        openRoute: (route) => openRoute(core, route),
        quit: () => app.quit(),
      }),
    );
    hasTray = true;
    if (Notification.isSupported()) {
      const iconFile = findNotificationIconFile(process.platform);
      const icon = iconFile ? nativeImage.createFromPath(join(bundlePaths.trayIcons, iconFile)) : undefined;
      disposers.push(showDesktopNotifications(core.events, (item) => openRoute(core, item.route), icon));
    }
    disposers.push(watchWakeEvents(() => core.desktop.wake()));
    // Installing an update on macOS closes the windows before 'before-quit': they must not hide instead.
    const onQuitForUpdate = () => {
      quitting = true;
    };
    autoUpdater.on('before-quit-for-update', onQuitForUpdate);
    disposers.push(() => autoUpdater.off('before-quit-for-update', onQuitForUpdate));
  };

  const coreReady: Promise<Core | null> = app
    .whenReady()
    .then(async () => {
      applySecurityPolicy();
      handleAppProtocol(bundlePaths.renderer);
      const updater = createAppUpdater();
      const core = await createCore({
        dataDir: userData,
        secrets: createSafeStorageSecrets(join(userData, 'secrets.json')),
        launchDemoServer: () => demoServer.launch(),
        // Sign-in with the company's identity provider: its pages open in the system browser; the redirect
        // comes back to the core's own loopback listener (the default openRedirectReceiver).
        openBrowser: openSignInPage,
        liveUpdates: true,
        chooseExportFolder: () => chooseExportFolder(mainWindow),
        chooseSaveFile: (name, format) => chooseSaveFile(mainWindow, name, format),
        // No doNotDisturb: Electron exposes no do-not-disturb state; macOS Focus and Windows Focus Assist
        // hold back the OS notifications themselves.
        host: {
          tray: true,
          desktopNotifications: Notification.isSupported(),
          startAtLogin: canStartAtLogin(),
          updates: updater !== undefined,
        },
        updater,
      });
      disposers.push(registerIpcHandlers(createDispatcher(core.handlers)));
      disposers.push(forwardCoreEvents(core.events, () => mainWindow?.webContents ?? null));
      const startHidden = wasStartedHidden();
      if (!startHidden) openMainWindow();
      // Kith works without a tray or notifications (closing the window then quits, except on macOS).
      const shellStarted = await startShell(core).then(
        () => true,
        (err: unknown) => {
          console.error(`Kith: ${describeError(err)}`);
          return false;
        },
      );
      // Started at login with no tray to come back from: the window after all.
      if (startHidden && !shellStarted) openMainWindow();
      return core;
    })
    .catch((err: unknown) => {
      console.error(err);
      dialog.showErrorBox('Kith could not start', describeError(err));
      app.exit(1);
      return null;
    });

  /** The window comes forward once the core is up (it may be hidden in the tray, or not made yet). */
  const showWhenReady = () =>
    void coreReady.then((core) => {
      if (core) showMainWindow();
    });
  // Launching Kith again brings this one forward; on macOS, so does a click on the Dock icon.
  app.on('second-instance', showWhenReady);
  app.on('activate', showWhenReady);
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  // Quitting (also from the tray's Quit) waits for the core to commit pending writes and close the database,
  // then exits.
  let shutdown: Promise<void> | null = null;
  app.on('before-quit', (event) => {
    quitting = true;
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
