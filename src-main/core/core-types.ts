import type { Kysely } from 'kysely';
import type { GraphExportFormat } from '#shared/domain/graph';
import type { ContractHandlers, IpcEventName, IpcEventPayload } from '#shared/ipc/contract';
import type { HostFeatures } from '#shared/domain/settings';
import type { TrayAction, TrayModel } from './desktop/tray-menu.ts';
import type { EmitEvent } from './events.ts';
import type { KeyStore } from './notes/key-store.ts';
import type { LocalDb } from './store/local-db.ts';
import type { Updater } from './updates/update-service.ts';

/** Where secrets (the access token) live: Electron safeStorage in the app, a file in tests and the web host. */
export interface SecretStore {
  get(name: string): Promise<string | null>;
  set(name: string, value: string): Promise<void>;
  delete(name: string): Promise<void>;
}

/** How a sign-in ended, for the page the browser shows when it comes back from the identity provider. */
export type SignInOutcome = { ok: true } | { ok: false; message: string };

/** Where the browser comes back to after signing in at the identity provider (one sign-in). */
export interface RedirectReceiver {
  /** The redirect_uri sent to the provider. */
  redirectUri: string;
  /** Resolves with the URL the browser came back to: `code` and `state`, or `error`. */
  redirect(): Promise<URL>;
  /** Answers the browser (signed in, or why not) and stops receiving. Called once, whatever happened. */
  finish(outcome: SignInOutcome): Promise<void>;
}

/**
 * Starts receiving one sign-in's redirect. The core's default is a loopback listener on 127.0.0.1 at
 * `preferredPort` (falling back to a free port); the web host uses its own origin's /callback instead.
 * Only a redirect carrying `state` is this sign-in's: any other request to the callback (a web page probing
 * the loopback port) is answered 400 and the receiver keeps waiting.
 */
export type OpenRedirectReceiver = (options: {
  preferredPort: number | null;
  state: string;
}) => Promise<RedirectReceiver>;

export interface CoreOptions {
  /** Folder of the local cache (kith.db) and anything else the core keeps on disk. */
  dataDir: string;
  secrets: SecretStore;
  /** Where the unwrapped notes key lives; by default in `secrets` (the OS keychain in the app). */
  keyStore?: KeyStore;
  /** Starts the bundled demo server when the person asks for the demo organization. */
  launchDemoServer?: () => Promise<{ serverUrl: string }>;
  fetch?: typeof globalThis.fetch;
  now?: () => number;
  /**
   * Opens an http(s) URL in the system browser, never an embedded view (RFC 8252): the identity provider's
   * sign-in and end-session pages. Electron: shell.openExternal; the web host: the tab the renderer runs in
   * navigates there. Without it, signing in with an identity provider fails with a clear error.
   */
  openBrowser?: (url: string) => Promise<void>;
  /** Where the browser comes back after signing in; by default a loopback listener on 127.0.0.1. */
  openRedirectReceiver?: OpenRedirectReceiver;
  /** How long a sign-in waits for the browser to come back (default 5 minutes). */
  signInTimeoutMs?: number;
  /**
   * Asks where to export notes as Markdown (a folder dialog in the app, a configured folder in the web
   * host); null when the person cancels. Without it, exporting fails with a clear error.
   */
  chooseExportFolder?: () => Promise<string | null>;
  /**
   * Asks where to save a graph export (a save dialog in the app, a configured folder in the web host);
   * null when the person cancels. Without it, exporting the graph fails with a clear error.
   */
  chooseSaveFile?: (suggestedName: string, format: GraphExportFormat) => Promise<string | null>;
  /**
   * Listen to the server's change stream and pull as soon as it says this user's view changed (the app and
   * the web host do). Off by default: tests that count requests to the server keep the interval alone.
   */
  liveUpdates?: boolean;
  /** What the host can do (tray, OS notifications, start at login, self-update); none by default. */
  host?: HostFeatures;
  /**
   * Whether the OS is in do-not-disturb now; absent where the host cannot tell. No host passes it today:
   * Electron 45 exposes no such state (macOS Focus and Windows Focus Assist hold notifications back themselves).
   */
  doNotDisturb?: () => boolean;
  /**
   * electron-updater's updater in a packaged app; absent in development, the web host and tests (updates then
   * read as disabled). Never used in the demo organization.
   */
  updater?: Updater;
  /** Sync timings; tests shorten them. A request (or a stream's silence) longer than requestTimeoutMs fails. */
  sync?: { requestTimeoutMs?: number; retry?: { baseMs?: number; maxMs?: number } };
}

/** What every service that writes the user's data (connections, notes, communities) is built with. */
export interface LocalWriterOptions {
  db: Kysely<LocalDb>;
  /** The signed-in person's id, or null when nobody is signed in. */
  signedInPersonId: () => Promise<string | null>;
  /** Says what a write changed, as the contract's events ('network.changed', 'notes.changed', …). */
  emit: EmitEvent;
  /** A write was queued for the server: push it soon. */
  syncSoon: () => void;
  now?: () => number;
}

export type CoreEventListener<E extends IpcEventName> = (payload: IpcEventPayload<E>) => void;

export interface CoreEvents {
  on<E extends IpcEventName>(event: E, listener: CoreEventListener<E>): () => void;
}

/**
 * What only the host (the Electron shell, the web host) calls: the tray, wake-ups and deep links. Not part of
 * the contract: the renderer never reaches it.
 */
export interface CoreDesktop {
  /** The tray's icon, tooltip and menu as they should be now. */
  trayModel(): Promise<TrayModel>;
  /** Called (at most every 100 ms) when the tray model may have changed: unread counts, sync, pause, update. */
  onTrayChanged(listener: () => void): () => void;
  /** Runs a tray action the core owns (sync now, pause, resume, restart to update); the host does open and quit. */
  runTrayAction(action: TrayAction): Promise<void>;
  /** The computer woke from sleep or the network came back: pull now (and reopen the change stream). */
  wake(): void;
  /** A notification or tray entry was clicked: the renderer opens the route ('app.navigate'). */
  openRoute(route: string): void;
}

export interface Core {
  /** One handler per contract method; hosts route calls through createDispatcher(handlers). */
  handlers: ContractHandlers;
  events: CoreEvents;
  desktop: CoreDesktop;
  /** Stops background sync and closes the database; pending writes are committed first. */
  close(): Promise<void>;
}
