import type { SyncStatus } from '#shared/domain/sync-status';
import { describeError } from '#shared/errors';
import type { ContractHandlers } from '#shared/ipc/contract';
import { createCommunitiesService } from './communities/communities-service.ts';
import type { Core, CoreOptions } from './core-types.ts';
import { createDirectoryService } from './directory/directory-service.ts';
import { createEventHub } from './events.ts';
import { createImportExportService } from './import-export/import-export-service.ts';
import { createGraphService } from './graph/graph-service.ts';
import { createFollowUpsService } from './follow-ups/follow-ups-service.ts';
import { createNetworkService } from './network/network-service.ts';
import { countOutbox } from './network/outbox.repo.ts';
import { createSecretKeyStore } from './notes/key-store.ts';
import { createNotifier } from './notifications/notifier.ts';
import { createNotesEncryption } from './notes/notes-encryption.ts';
import { createNotesService } from './notes/notes-service.ts';
import { createSessionService } from './session/session-service.ts';
import { createSettingsService, NO_HOST_FEATURES } from './settings/settings-service.ts';
import { createDesktopService } from './desktop/desktop-service.ts';
import { openLocalDb } from './store/local-db.ts';
import { readState } from './store/local-state.repo.ts';
import { createChangeEvents, type ChangeEvents } from './sync/change-events.ts';
import { createSyncEngine, type SyncEngine } from './sync/sync-engine.ts';
import type { ServerClient } from './sync/server-client.ts';
import { createUpdateService } from './updates/update-service.ts';

const SIGNED_OUT: SyncStatus = { state: 'signed_out', lastSyncedAt: null };

/** The composition root of the core: plain Node, no Electron. Hosts route calls to `handlers`. */
export async function createCore(options: CoreOptions): Promise<Core> {
  const db = await openLocalDb(options.dataDir);
  const events = createEventHub();
  const directory = createDirectoryService(db);
  let engine: SyncEngine | null = null;
  let changeEvents: ChangeEvents | null = null;
  let client: ServerClient | null = null;
  const network = createNetworkService({
    db,
    signedInPersonId: () => session.signedInPersonId(),
    now: options.now,
    onWritten() {
      events.emit('network.changed', {});
      engine?.syncSoon();
    },
  });

  const notesEncryption = createNotesEncryption({
    db,
    keyStore: options.keyStore ?? createSecretKeyStore(options.secrets),
    signedInPersonId: () => session.signedInPersonId(),
    client: () => client,
    now: options.now,
    onChanged() {
      events.emit('notes.changed', {});
      engine?.syncSoon();
    },
  });

  const notes = createNotesService({
    db,
    signedInPersonId: () => session.signedInPersonId(),
    cipher: () => notesEncryption.cipher(),
    now: options.now,
    onWritten({ queued, connections }) {
      events.emit('notes.changed', {});
      if (connections) events.emit('network.changed', {});
      if (queued || connections) engine?.syncSoon();
    },
  });

  const communities = createCommunitiesService({
    db,
    signedInPersonId: () => session.signedInPersonId(),
    now: options.now,
    onWritten() {
      events.emit('communities.changed', {});
      engine?.syncSoon();
    },
  });

  const graph = createGraphService({
    db,
    signedInPersonId: () => session.signedInPersonId(),
    orgFacets: () => directory.listFacets(),
    chooseSaveFile: options.chooseSaveFile,
    now: options.now,
  });

  const followUps = createFollowUpsService({ db, now: options.now });

  const settings = createSettingsService({
    db,
    host: options.host ?? NO_HOST_FEATURES,
    now: options.now,
    onChanged(view) {
      events.emit('settings.changed', view);
      updates.setChannel(view.settings.updateChannel);
    },
  });

  const notifier = createNotifier({
    db,
    signedInPersonId: () => session.signedInPersonId(),
    settings: () => settings.read(),
    doNotDisturb: options.doNotDisturb,
    now: options.now,
    onNotify: (items) => events.emit('notifications.shown', { items }),
  });

  // Never in development or the web host (no updater) nor in the demo organization (a sales laptop, a
  // workshop: nothing should change under the presenter).
  let demo = (await readState(db, 'account'))?.demo ?? false;
  const updates = createUpdateService({
    updater: options.updater ?? null,
    disabledReason: () =>
      !options.updater
        ? 'This build does not update itself (development or the web host).'
        : demo
          ? 'Updates are not checked in the demo organization.'
          : null,
    channel: (await settings.read()).updateChannel,
    now: options.now,
    onStatus: (status) => events.emit('updates.status', status),
  });

  const importExport = createImportExportService({
    db,
    signedInPersonId: () => session.signedInPersonId(),
    notes,
    network,
    chooseExportFolder: options.chooseExportFolder,
    now: options.now,
  });

  const session = createSessionService({
    db,
    secrets: options.secrets,
    fetch: options.fetch,
    requestTimeoutMs: options.sync?.requestTimeoutMs,
    launchDemoServer: options.launchDemoServer,
    onChanged(s) {
      const nowDemo = s.state === 'signed_in' && s.demo;
      if (nowDemo !== demo) {
        demo = nowDemo;
        updates.refresh();
      }
      events.emit('session.changed', s);
      events.emit('network.changed', {}); // another account's (or no one's) connections now
      events.emit('notes.changed', {});
      events.emit('communities.changed', {});
    },
    async flushPendingWrites() {
      if ((await countOutbox(db)) === 0) return 0;
      await engine?.syncNow();
      return countOutbox(db);
    },
    notesSynced: async () => (await notesEncryption.cipher()) !== null,
    forgetNotesKey: (accountId) => notesEncryption.forgetKey(accountId),
    onSignedIn(signedInClient) {
      const previous = engine;
      void previous?.stop();
      resumeFailure = null;
      client = signedInClient;
      engine = createSyncEngine({
        db,
        client: signedInClient,
        now: options.now,
        retry: options.sync?.retry,
        onStatus: (status) => events.emit('sync.status', status),
        onChanged(count) {
          directory.invalidate();
          events.emit('directory.changed', { count });
        },
        onNetworkChanged: () => events.emit('network.changed', {}),
        onNotesChanged: () => events.emit('notes.changed', {}),
        onCommunitiesChanged: () => events.emit('communities.changed', {}),
        notesCipher: () => notesEncryption.cipher(),
        refreshNotesKeyState: (c) => notesEncryption.refreshKeyState(c),
        onSynced: () => notifier.afterSync(),
        onRejected: (write) => events.emit('sync.rejected', write),
        onUnauthorized: (message) =>
          void session
            .signOut(`Signed out: the server no longer accepts this session (${message}). Sign in again.`)
            .catch((err: unknown) => console.error('Sign-out after 401 failed', err)),
      });
      void engine.start();
      changeEvents?.stop();
      changeEvents = options.liveUpdates
        ? createChangeEvents({
            target: signedInClient.eventStream(),
            onChanged: () => engine?.syncSoon(),
            retry: options.sync?.retry,
          })
        : null;
      changeEvents?.start();
    },
    async onSignedOut() {
      resumeFailure = null;
      changeEvents?.stop();
      changeEvents = null;
      const stopping = engine;
      engine = null;
      client = null;
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
    network: {
      listConnections: async (query) => ({ items: await network.listConnections(query) }),
      getConnection: ({ personId }) => network.getConnection(personId),
      saveConnection: (input) => network.saveConnection(input),
      removeConnection: ({ personId }) => network.removeConnection(personId),
    },
    notes: {
      listForPerson: ({ personId }) => notes.listForPerson(personId),
      search: async (query) => ({ items: await notes.search(query) }),
      save: (input) => notes.save(input),
      delete: ({ id }) => notes.delete(id),
      listTags: () => notes.listTags(),
      dismissConflict: ({ id }) => notes.dismissConflict(id),
      getEncryption: () => notesEncryption.getEncryption(),
      setUpEncryption: ({ passphrase }) => notesEncryption.setUpEncryption(passphrase),
      unlock: ({ passphrase }) => notesEncryption.unlock(passphrase),
      changePassphrase: (input) => notesEncryption.changePassphrase(input),
    },
    followUps: { list: () => followUps.listFollowUps() },
    importExport: {
      exportMarkdown: () => importExport.exportMarkdown(),
      importContacts: (input) => importExport.importContacts(input),
    },
    communities: {
      list: (query) => communities.list(query),
      get: ({ communityId }) => communities.get(communityId),
      listMembers: (query) => communities.listMembers(query),
      feed: (query) => communities.feed(query),
      getThread: ({ postId }) => communities.getThread(postId),
      propose: (fields) => communities.propose(fields),
      update: ({ communityId, patch }) => communities.update(communityId, patch),
      archive: ({ communityId, archived }) => communities.archive(communityId, archived),
      join: ({ communityId }) => communities.join(communityId),
      leave: ({ communityId }) => communities.leave(communityId),
      decideRequest: ({ communityId, personId, approve }) =>
        communities.decideRequest(communityId, personId, approve),
      setRole: ({ communityId, personId, role }) => communities.setRole(communityId, personId, role),
      removeMember: ({ communityId, personId }) => communities.removeMember(communityId, personId),
      createPost: (input) => communities.createPost(input),
      updatePost: (input) => communities.updatePost(input),
      deletePost: ({ postId }) => communities.deletePost(postId),
      acceptAnswer: ({ questionId, answerId }) => communities.acceptAnswer(questionId, answerId),
      setPrefs: ({ communityId, patch }) => communities.setPrefs(communityId, patch),
      markRead: ({ communityId }) => communities.markRead(communityId),
      health: ({ communityId }) => communities.health(communityId),
      suggestions: () => communities.suggestions(),
      activity: (query) => communities.activity(query),
      inCommon: ({ personId }) => communities.inCommon(personId),
    },
    graph: {
      egoGraph: (query) => graph.egoGraph(query),
      async saveLayout({ positions }) {
        await graph.saveLayout(positions);
        return {};
      },
      async clearLayout() {
        await graph.clearLayout();
        return {};
      },
      introductions: ({ personId }) => graph.introductions(personId),
      insights: () => graph.insights(),
      saveExport: (input) => graph.saveExport(input),
    },
    settings: {
      get: () => settings.get(),
      update: (patch) => settings.update(patch),
    },
    updates: {
      getStatus: async () => updates.getStatus(),
      check: () => updates.checkNow(),
      async restart() {
        updates.restart();
        return {};
      },
    },
    sync: {
      listRejected: () => network.listRejected(),
      dismissRejected: ({ mutationId }) => network.dismissRejected(mutationId),
      async getStatus() {
        if (engine) return engine.getStatus();
        if (resuming)
          return { state: 'syncing', lastSyncedAt: await readState(db, 'lastSyncedAt'), progress: null };
        return resumeFailure ?? SIGNED_OUT;
      },
      async syncNow() {
        if (resumeFailure) resuming ??= startResuming(); // "Sync now" tries the failed resume again
        await resuming;
        return engine ? engine.syncNow() : (resumeFailure ?? SIGNED_OUT);
      },
    },
  };

  // Resuming can mean starting the demo server (a second or two): the app opens on its cache meanwhile.
  let resumeFailure: SyncStatus | null = null;
  const startResuming = () =>
    session
      .resume()
      .catch(async (err: unknown) => {
        resumeFailure = {
          state: 'error',
          lastSyncedAt: await readState(db, 'lastSyncedAt').catch(() => null),
          message: `Could not resume syncing: ${describeError(err)}`,
        };
        events.emit('sync.status', resumeFailure);
      })
      .finally(() => (resuming = null));
  let resuming: Promise<void> | null = startResuming();

  const desktop = createDesktopService({
    db,
    events,
    signedInPersonId: () => session.signedInPersonId(),
    settings: () => settings.read(),
    updateSettings: (patch) => settings.update(patch),
    syncStatus: () => handlers.sync.getStatus(undefined),
    syncNow: () => handlers.sync.syncNow(undefined),
    updateStatus: () => updates.getStatus(),
    restartToUpdate: () => updates.restart(),
    // A reopened change stream asks for a pull as it opens; without one, pull now.
    wake() {
      if (changeEvents) changeEvents.reconnect();
      else void handlers.sync.syncNow(undefined);
    },
    navigate: (route) => events.emit('app.navigate', { route }),
    now: options.now,
  });
  updates.start();

  return {
    handlers,
    events,
    desktop,
    async close() {
      desktop.close();
      settings.close();
      updates.stop();
      await resuming;
      changeEvents?.stop();
      await engine?.stop();
      engine = null;
      await db.destroy();
    },
  };
}
