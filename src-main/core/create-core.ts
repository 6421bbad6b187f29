import type { ContractHandlers } from '#shared/ipc/contract';
import { communitiesHandlers, createCommunitiesService } from './communities/communities-service.ts';
import type { Core, CoreOptions } from './core-types.ts';
import { createDesktopService } from './desktop/desktop-service.ts';
import { createDirectoryService, directoryHandlers } from './directory/directory-service.ts';
import { createEventHub } from './events.ts';
import { createFollowUpsService, followUpsHandlers } from './follow-ups/follow-ups-service.ts';
import { createGraphService, graphHandlers } from './graph/graph-service.ts';
import { createImportExportService, importExportHandlers } from './import-export/import-export-service.ts';
import { createNetworkService, networkHandlers } from './network/network-service.ts';
import { createSecretKeyStore } from './notes/key-store.ts';
import { createNotesEncryption } from './notes/notes-encryption.ts';
import { createNotesService, notesHandlers } from './notes/notes-service.ts';
import { createNotifier } from './notifications/notifier.ts';
import { createSessionService, findSignedInPersonId, sessionHandlers } from './session/session-service.ts';
import { createSettingsService, NO_HOST_FEATURES, settingsHandlers } from './settings/settings-service.ts';
import { openLocalDb } from './store/local-db.ts';
import { readState } from './store/local-state.repo.ts';
import { createSyncSupervisor, syncHandlers } from './sync/sync-supervisor.ts';
import { createAppUpdates, updatesHandlers } from './updates/app-updates.ts';

/**
 * The composition root of the core: plain Node, no Electron. It builds the services in the order they
 * depend on each other and assembles their slices of the contract; hosts route calls to `handlers`. Every
 * change reaches the hosts as a contract event on `events`, emitted by the service that made it.
 */
export async function createCore(options: CoreOptions): Promise<Core> {
  const { now } = options;
  const db = await openLocalDb(options.dataDir);
  const events = createEventHub();
  const { emit } = events;
  const signedInPersonId = () => findSignedInPersonId(db, options.secrets);

  const sync = createSyncSupervisor({
    db,
    emit,
    liveUpdates: options.liveUpdates,
    retry: options.sync?.retry,
    now,
  });
  const directory = createDirectoryService(db, events);
  // What most services are built with; those that write the user's data also announce and push their writes.
  const context = { db, signedInPersonId, now };
  const writers = { ...context, emit, syncSoon: sync.syncSoon };
  const network = createNetworkService(writers);
  const notesEncryption = createNotesEncryption({
    ...writers,
    keyStore: options.keyStore ?? createSecretKeyStore(options.secrets),
    client: sync.client,
  });
  const notes = createNotesService({ ...writers, cipher: () => notesEncryption.cipher() });
  const communities = createCommunitiesService(writers);
  const graph = createGraphService({
    ...context,
    orgFacets: () => directory.listFacets(),
    chooseSaveFile: options.chooseSaveFile,
  });
  const followUps = createFollowUpsService({ db, now });
  const importExport = createImportExportService({
    ...context,
    notes,
    network,
    chooseExportFolder: options.chooseExportFolder,
  });
  const settings = createSettingsService({ db, host: options.host ?? NO_HOST_FEATURES, emit, now });
  const updates = createAppUpdates({
    updater: options.updater,
    demo: (await readState(db, 'account'))?.demo ?? false,
    channel: (await settings.read()).updateChannel,
    events,
    now,
  });
  const notifier = createNotifier({
    ...context,
    settings: () => settings.read(),
    doNotDisturb: options.doNotDisturb,
    emit,
  });
  const session = createSessionService({
    db,
    secrets: options.secrets,
    fetch: options.fetch,
    now,
    requestTimeoutMs: options.sync?.requestTimeoutMs,
    launchDemoServer: options.launchDemoServer,
    openBrowser: options.openBrowser,
    openRedirectReceiver: options.openRedirectReceiver,
    signInTimeoutMs: options.signInTimeoutMs,
    emit,
    onSignedIn: (client) => sync.signedIn(client),
    onSignedOut: () => sync.signedOut(),
    flushPendingWrites: () => sync.flushPendingWrites(),
    notesSynced: async () => (await notesEncryption.cipher()) !== null,
    forgetNotesKey: (accountId) => notesEncryption.forgetKey(accountId),
  });

  const handlers: ContractHandlers = {
    directory: directoryHandlers(directory),
    session: sessionHandlers(session),
    network: networkHandlers(network),
    notes: notesHandlers(notes, notesEncryption),
    followUps: followUpsHandlers(followUps),
    importExport: importExportHandlers(importExport),
    communities: communitiesHandlers(communities),
    graph: graphHandlers(graph),
    sync: syncHandlers(sync, network),
    settings: settingsHandlers(settings),
    updates: updatesHandlers(updates),
  };

  sync.start({ session, notes: notesEncryption, notifier });
  const desktop = createDesktopService({ ...context, events, settings, sync, updates });
  updates.start();

  return {
    handlers,
    events,
    desktop,
    async close() {
      desktop.close();
      settings.close();
      updates.stop();
      await sync.stop();
      await db.destroy();
    },
  };
}
