import { app, BrowserWindow, nativeTheme } from 'electron';
import { rendererEntryUrl } from './app-origin.ts';

/** The renderer's body colours (Mantine's dark-7 and white), so the window never flashes the wrong theme. */
const BACKGROUND = { dark: '#242424', light: '#ffffff' };

/** `route` opens the page there (the renderer routes by the URL hash): a notification clicked with no window open. */
export function createMainWindow(preloadPath: string, route?: string): BrowserWindow {
  const window = new BrowserWindow({
    width: 1200,
    height: 800,
    minWidth: 900,
    minHeight: 600,
    show: false,
    title: 'Kith',
    backgroundColor: nativeTheme.shouldUseDarkColors ? BACKGROUND.dark : BACKGROUND.light,
    webPreferences: {
      preload: preloadPath,
      // Checklist items 2, 3, 4, 6, 8, 9, 10, 11: each written out even where it is Electron's default,
      // so a changed default or a careless edit shows up in review.
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: true,
      devTools: !app.isPackaged,
    },
  });

  window.once('ready-to-show', () => window.show());
  const url = route ? `${rendererEntryUrl()}#${route}` : rendererEntryUrl();
  void window.loadURL(url).catch((err: unknown) => {
    console.error(`Kith: could not load the renderer: ${String(err)}`);
  });
  return window;
}

/** Brings the window forward, e.g. when a second instance was started. */
export function focusWindow(window: BrowserWindow): void {
  if (window.isMinimized()) window.restore();
  if (!window.isVisible()) window.show();
  window.focus();
}

/** Hides the window (close-to-tray); a full-screen window on macOS would leave a black space, so it leaves full screen first. */
export function hideWindow(window: BrowserWindow): void {
  if (window.isFullScreen()) {
    window.once('leave-full-screen', () => window.hide());
    window.setFullScreen(false);
  } else {
    window.hide();
  }
}
