import type { Kysely } from 'kysely';
import type { SyncStatus } from '#shared/domain/sync-status';
import { describeError } from '#shared/errors';
import type { ContractHandlers } from '#shared/ipc/contract';
import type { EmitEvent } from '../events.ts';
import { countOutbox } from './outbox.repo.ts';
import type { NetworkService } from '../network/network-service.ts';
import type { NotesEncryptionService } from '../notes/notes-encryption.ts';
import type { Notifier } from '../notifications/notifier.ts';
import type { SessionService } from '../session/session-service.ts';
import type { LocalDb } from '../store/local-db.ts';
import { readState } from '../store/local-state.repo.ts';
import { createChangeEvents, type ChangeEvents } from './change-events.ts';
import type { ServerClient } from './server-client.ts';
import { createSyncEngine, type SyncEngine, type SyncEngineOptions } from './sync-engine.ts';

const SIGNED_OUT: SyncStatus = { state: 'signed_out', lastSyncedAt: null };

export interface SyncSupervisorOptions {
  db: Kysely<LocalDb>;
  /** How the engine and the supervisor say what happened ('sync.status', 'directory.changed', …). */
  emit: EmitEvent;
  /** Listen to the server's change stream (see CoreOptions.liveUpdates). */
  liveUpdates?: boolean;
  retry?: SyncEngineOptions['retry'];
  now?: () => number;
}

/** What each sync works with, given at start: they are built after the supervisor, which they depend on. */
export interface SyncParticipants {
  /** Resumed at start ("Sync now" retries a failed resume); signed out when the server refuses the token. */
  session: Pick<SessionService, 'resume' | 'signOut'>;
  /** The notes key for the notes pulled, and whether the server holds one. */
  notes: Pick<NotesEncryptionService, 'cipher' | 'refreshKeyState'>;
  /** Judges what each sync brought (desktop notifications). */
  notifier: Pick<Notifier, 'afterSync'>;
}

/**
 * The sync lifecycle of the signed-in session: the engine, the server's change stream, the client, and the
 * resume of the session saved by an earlier run. The session service calls signedIn and signedOut; a
 * named service with start/stop.
 */
export function createSyncSupervisor({ db, emit, liveUpdates, retry, now }: SyncSupervisorOptions) {
  let participants: SyncParticipants | null = null;
  let engine: SyncEngine | null = null;
  let changeEvents: ChangeEvents | null = null;
  let client: ServerClient | null = null;
  // Resuming can mean starting the demo server (a second or two): the app opens on its cache meanwhile.
  let resuming: Promise<void> | null = null;
  let resumeFailure: SyncStatus | null = null;

  function startResuming(session: SyncParticipants['session']) {
    return session
      .resume()
      .catch(async (err: unknown) => {
        resumeFailure = {
          state: 'error',
          lastSyncedAt: await readState(db, 'lastSyncedAt').catch(() => null),
          message: `Could not resume syncing: ${describeError(err)}`,
        };
        emit('sync.status', resumeFailure);
      })
      .finally(() => (resuming = null));
  }

  async function getStatus(): Promise<SyncStatus> {
    if (engine) return engine.getStatus();
    if (resuming)
      return { state: 'syncing', lastSyncedAt: await readState(db, 'lastSyncedAt'), progress: null };
    return resumeFailure ?? SIGNED_OUT;
  }

  async function syncNow(): Promise<SyncStatus> {
    // "Sync now" tries the failed resume again.
    if (resumeFailure && participants) resuming ??= startResuming(participants.session);
    await resuming;
    return engine ? engine.syncNow() : (resumeFailure ?? SIGNED_OUT);
  }

  return {
    getStatus,
    syncNow,
    /** The client of the current session, or null when signed out. */
    client: () => client,
    /** A local write was queued: push it soon. */
    syncSoon: () => engine?.syncSoon(),

    /** Resumes the session saved by an earlier run, if any. */
    start(started: SyncParticipants) {
      participants = started;
      resuming = startResuming(started.session);
    },

    /** A session began (or resumed): sync with this client, and listen to its change stream. */
    signedIn(signedInClient: ServerClient) {
      if (!participants) throw new Error('The sync supervisor signs in only once started');
      const { session, notes, notifier } = participants;
      const previous = engine;
      void previous?.stop();
      resumeFailure = null;
      client = signedInClient;
      engine = createSyncEngine({
        db,
        client: signedInClient,
        now,
        retry,
        emit,
        notesCipher: () => notes.cipher(),
        refreshNotesKeyState: (c) => notes.refreshKeyState(c),
        onSynced: () => notifier.afterSync(),
        onUnauthorized: (message) =>
          void session
            .signOut(message)
            .catch((err: unknown) => console.error('Sign-out after 401 failed', err)),
      });
      void engine.start();
      changeEvents?.stop();
      changeEvents = liveUpdates
        ? createChangeEvents({
            target: signedInClient.eventStream(),
            onChanged: () => engine?.syncSoon(),
            retry,
          })
        : null;
      changeEvents?.start();
    },

    /** The session ended: stop syncing before the cache is touched. */
    async signedOut() {
      resumeFailure = null;
      changeEvents?.stop();
      changeEvents = null;
      const stopping = engine;
      engine = null;
      client = null;
      await stopping?.stop();
      emit('sync.status', SIGNED_OUT);
      emit('directory.changed', { count: 0 });
    },

    /** Tries to push what is queued; resolves with how many local writes are still not on the server. */
    async flushPendingWrites() {
      if ((await countOutbox(db)) === 0) return 0;
      await engine?.syncNow();
      return countOutbox(db);
    },

    /**
     * The computer woke or the network came back: a reopened change stream asks for a pull as it opens;
     * without one, pull now.
     */
    wake() {
      if (changeEvents) changeEvents.reconnect();
      else void syncNow();
    },

    /** Waits for the resume, then stops the change stream and the engine (at a transaction boundary). */
    async stop() {
      await resuming;
      changeEvents?.stop();
      await engine?.stop();
      engine = null;
    },
  };
}
export type SyncSupervisor = ReturnType<typeof createSyncSupervisor>;

/** The sync area: status and "Sync now" from the supervisor, the rejected writes from the network service. */
export const syncHandlers = (
  sync: SyncSupervisor,
  network: Pick<NetworkService, 'listRejected' | 'dismissRejected'>,
): ContractHandlers['sync'] => ({
  getStatus: () => sync.getStatus(),
  syncNow: () => sync.syncNow(),
  listRejected: () => network.listRejected(),
  dismissRejected: ({ mutationId }) => network.dismissRejected(mutationId),
});
