import type { SyncStatus } from '#shared/domain/sync-status';
import type { ContractHandlers } from '#shared/ipc/contract';
import type { Core, CoreOptions } from './core-types.ts';
import { createDirectoryService } from './directory/directory-service.ts';
import { createEventHub } from './events.ts';
import { createSessionService } from './session/session-service.ts';
import { openLocalDb } from './store/local-db.ts';
import { createSyncEngine, type SyncEngine } from './sync/sync-engine.ts';

const SIGNED_OUT: SyncStatus = { state: 'signed_out', lastSyncedAt: null };

/** The composition root of the core: plain Node, no Electron. Hosts route calls to `handlers`. */
export async function createCore(options: CoreOptions): Promise<Core> {
  const db = await openLocalDb(options.dataDir);
  const events = createEventHub();
  const directory = createDirectoryService(db);
  let engine: SyncEngine | null = null;

  const session = createSessionService({
    db,
    secrets: options.secrets,
    fetch: options.fetch,
    launchDemoServer: options.launchDemoServer,
    onChanged: (s) => events.emit('session.changed', s),
    onSignedIn(client) {
      engine = createSyncEngine({
        db,
        client,
        now: options.now,
        onStatus: (status) => events.emit('sync.status', status),
        onChanged(count) {
          directory.invalidate();
          events.emit('directory.changed', { count });
        },
        onUnauthorized: (message) =>
          void session
            .signOut(`Signed out: the server no longer accepts this session (${message}). Sign in again.`)
            .catch((err: unknown) => console.error('Sign-out after 401 failed', err)),
      });
      void engine.start();
    },
    async onSignedOut() {
      const stopping = engine;
      engine = null;
      await stopping?.stop();
      directory.invalidate();
      events.emit('sync.status', SIGNED_OUT);
      events.emit('directory.changed', { count: 0 });
    },
  });

  const handlers: ContractHandlers = {
    directory: {
      searchPeople: (query) => directory.searchPeople(query),
      listFacets: () => directory.listFacets(),
      getProfile: ({ id }) => directory.getProfile(id),
    },
    session: {
      getSession: () => session.getSession(),
      connectServer: (input) => session.connectServer(input),
      startDemo: () => session.startDemo(),
      signOut: () => session.signOut(),
    },
    sync: {
      getStatus: async () => engine?.getStatus() ?? SIGNED_OUT,
      syncNow: async () => (engine ? engine.syncNow() : SIGNED_OUT),
    },
  };

  await session.resume().catch((err: unknown) => {
    // A demo server that fails to start must not keep the app from opening on its cached data.
    events.emit('sync.status', { state: 'error', lastSyncedAt: null, message: String(err) });
  });

  return {
    handlers,
    events,
    async close() {
      await engine?.stop();
      engine = null;
      await db.destroy();
    },
  };
}
