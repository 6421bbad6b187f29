import type { GraphExportFormat } from '#shared/domain/graph';
import type { ContractHandlers, IpcEventName, IpcEventPayload } from '#shared/ipc/contract';
import type { KeyStore } from './notes/key-store.ts';

/** Where secrets (the access token) live: Electron safeStorage in the app, a file in tests and the web host. */
export interface SecretStore {
  get(name: string): Promise<string | null>;
  set(name: string, value: string): Promise<void>;
  delete(name: string): Promise<void>;
}

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
  /** Sync timings; tests shorten them. A request (or a stream's silence) longer than requestTimeoutMs fails. */
  sync?: { requestTimeoutMs?: number; retry?: { baseMs?: number; maxMs?: number } };
}

export type CoreEventListener<E extends IpcEventName> = (payload: IpcEventPayload<E>) => void;

export interface CoreEvents {
  on<E extends IpcEventName>(event: E, listener: CoreEventListener<E>): () => void;
}

export interface Core {
  /** One handler per contract method; hosts route calls through createDispatcher(handlers). */
  handlers: ContractHandlers;
  events: CoreEvents;
  /** Stops background sync and closes the database; pending writes are committed first. */
  close(): Promise<void>;
}
