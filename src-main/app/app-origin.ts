import { app } from 'electron';

export const APP_SCHEME = 'app';
export const APP_HOST = 'kith';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;

/** The electron-vite dev server, honoured only in an unpackaged build so a packaged app never loads a URL from the environment. */
export function devServerUrl(): string | null {
  const url = process.env['ELECTRON_RENDERER_URL'];
  return !app.isPackaged && url ? url : null;
}

/** Where the main window loads the renderer from. */
export function rendererEntryUrl(): string {
  return devServerUrl() ?? `${APP_ORIGIN}/index.html`;
}

/** The one origin whose pages may call IPC, navigate and receive events. */
export function trustedOrigin(): string {
  const dev = devServerUrl();
  return dev ? (originOf(dev) ?? APP_ORIGIN) : APP_ORIGIN;
}

/**
 * scheme://host[:port] of a URL, or null if it does not parse. Computed by hand because WHATWG URL reports
 * the origin of a non-special scheme such as app: as the string "null".
 */
export function originOf(url: string): string | null {
  try {
    const parsed = new URL(url);
    return parsed.host ? `${parsed.protocol}//${parsed.host}` : null;
  } catch {
    return null;
  }
}

export function isTrustedUrl(url: string): boolean {
  return originOf(url) === trustedOrigin();
}
