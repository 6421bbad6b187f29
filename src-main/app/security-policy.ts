/**
 * The Electron security checklist (https://www.electronjs.org/docs/latest/tutorial/security), item by item,
 * and the code that covers it:
 *
 *  1. Only load secure content: the renderer comes from app://kith (a secure scheme, app-protocol.ts) or the
 *     local dev server; the CSP allows nothing from elsewhere; navigation away is blocked (below).
 *  2. No Node.js integration for remote content: nodeIntegration false, nodeIntegrationInWorker false
 *     (main-window.ts), re-asserted for every webContents in 'web-contents-created' (below).
 *  3. Context isolation: contextIsolation true (main-window.ts); the preload exposes only window.api.
 *  4. Process sandboxing: app.enableSandbox() (enableProcessSandbox, below) and sandbox true (main-window.ts).
 *  5. Session permission requests: setPermissionRequestHandler and setPermissionCheckHandler deny all (below).
 *  6. webSecurity stays on (main-window.ts).
 *  7. Content-Security-Policy: sent as a response header by the app:// handler (app-protocol.ts).
 *  8. allowRunningInsecureContent false (main-window.ts).
 *  9. experimentalFeatures false (main-window.ts).
 * 10. No enableBlinkFeatures: never set (main-window.ts); stripped from any webview (below).
 * 11. <webview> allowpopups: webviews are refused outright ('will-attach-webview' → preventDefault, below;
 *     webviewTag false in main-window.ts).
 * 12. <webview> options and params: same: no webview can attach.
 * 13. Navigation: 'will-navigate' and 'will-redirect' are blocked unless they stay on the app origin (below).
 * 14. New windows: setWindowOpenHandler denies every window (below).
 * 15. shell.openExternal with untrusted content: only https: URLs are handed to the OS (openExternalSafely);
 *     the identity provider's sign-in pages, which the core asks for, also http: on this machine only
 *     (openSignInPage: a provider on 127.0.0.1 in development and tests).
 * 16. A current Electron: electron ^45 in package.json.
 * 17. Validate the sender of IPC: every handler checks senderFrame is the top frame of the app origin
 *     (ipc-bridge.ts).
 * 18. No file://: the renderer is served from the custom privileged app:// scheme (app-protocol.ts);
 *     the grantFileProtocolExtraPrivileges fuse is off (build/electron-builder.yml).
 * 19. Fuses: runAsNode, NODE_OPTIONS, --inspect off; cookie encryption, asar integrity, asar-only on
 *     (electronFuses in build/electron-builder.yml).
 * 20. Do not expose Electron APIs to untrusted content: no `remote`; the preload exposes one function per
 *     contract method and a filtered event subscription, never ipcRenderer or the IpcRendererEvent
 *     (src-preload/index.ts).
 */
import { app, session, shell, type WebContents } from 'electron';
import { isHttpsOrLoopback } from '#shared/node/loopback';
import { isTrustedUrl } from './app-origin.ts';

/** Must run before app 'ready': every renderer is sandboxed, whatever its webPreferences say. */
export function enableProcessSandbox(): void {
  app.enableSandbox();
}

/** Installs the policy for the default session and for every webContents created from now on. */
export function applySecurityPolicy(): void {
  const ses = session.defaultSession;
  // Kith needs no camera, notifications permission, geolocation, etc. from the page; native notifications
  // are shown by the main process.
  ses.setPermissionRequestHandler((_webContents, _permission, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);

  app.on('web-contents-created', (_event, contents) => guardWebContents(contents));
}

function guardWebContents(contents: WebContents): void {
  contents.on('will-navigate', (event) => {
    if (!isTrustedUrl(event.url)) {
      event.preventDefault();
      console.warn(`Kith: blocked navigation to ${event.url}`);
    }
  });
  contents.on('will-redirect', (event) => {
    if (!isTrustedUrl(event.url)) {
      event.preventDefault();
      console.warn(`Kith: blocked redirect to ${event.url}`);
    }
  });

  contents.setWindowOpenHandler(({ url }) => {
    openExternalSafely(url);
    return { action: 'deny' };
  });

  contents.on('will-attach-webview', (event, webPreferences) => {
    delete webPreferences.preload;
    delete webPreferences.enableBlinkFeatures;
    webPreferences.nodeIntegration = false;
    webPreferences.contextIsolation = true;
    event.preventDefault();
  });
}

/** Hands a link to the OS browser only if it is https:; everything else (file:, smb:, custom handlers) is dropped. */
export function openExternalSafely(url: string): void {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return;
  }
  if (parsed.protocol !== 'https:') {
    console.warn(`Kith: refused to open ${parsed.protocol} link externally`);
    return;
  }
  shell.openExternal(parsed.toString()).catch((err: unknown) => {
    console.warn(`Kith: could not open ${parsed.toString()}: ${String(err)}`);
  });
}

/**
 * Opens the identity provider's sign-in or end-session page in the system browser (RFC 8252: never an
 * embedded view). The core asks for it (CoreOptions.openBrowser): https:, or http: on this machine only.
 * Rejects, so the sign-in fails with the reason, when the URL is refused or the OS cannot open it.
 */
export async function openSignInPage(url: string): Promise<void> {
  const parsed = new URL(url);
  if (!isHttpsOrLoopback(parsed))
    throw new Error(`Kith opens only https:// sign-in pages, not ${parsed.protocol}//${parsed.host}`);
  await shell.openExternal(parsed.toString());
}
