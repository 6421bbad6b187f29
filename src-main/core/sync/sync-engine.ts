import type { Kysely } from 'kysely';
import type { SyncStatus } from '#shared/domain/sync-status';
import type { BootstrapSection } from '#shared/wire/sync';
import type { EmitEvent } from '../events.ts';
import type { NoteCipherContext } from '../notes/note-cipher.ts';
import type { LocalDb } from '../store/local-db.ts';
import { readState } from '../store/local-state.repo.ts';
import {
  applyPullPage,
  applySnapshotBatch,
  finishSnapshot,
  markSyncedDataStale,
  type SnapshotBatch,
} from './apply-sync.ts';
import { backoffDelay } from './backoff.ts';
import { fetchCommunitySnapshots } from './community-snapshots.ts';
import { pushOutbox } from './push-outbox.ts';
import { ServerError, type ServerClient } from './server-client.ts';

export interface SyncEngineOptions {
  db: Kysely<LocalDb>;
  client: ServerClient;
  /**
   * Where the engine says what it did: 'sync.status', 'directory.changed' (rows applied), 'network.changed',
   * 'notes.changed' and 'communities.changed' (pulled, decrypted, or a rejected write rolled back), and
   * 'sync.rejected' (the server refused a queued write; it was rolled back locally).
   */
  emit: EmitEvent;
  /** The notes key when this device has it: notes pulled are decrypted, conflict copies encrypted. */
  notesCipher?: () => Promise<NoteCipherContext | null>;
  /** Once per run, after the pull: learn whether the server holds a notes key (see notes-encryption). */
  refreshNotesKeyState?: (client: ServerClient) => Promise<void>;
  /** A sync completed (before its status says so): judge what it brought. Must not throw. */
  onSynced?: () => Promise<void>;
  /** The server refused the token: the session must end. */
  onUnauthorized: (message: string) => void;
  now?: () => number;
  random?: () => number;
  /** Rows per snapshot transaction; small enough to keep the event loop responsive. */
  batchSize?: number;
  /**
   * Note ciphertext per snapshot transaction: a note can be megabytes, so a batch also ends when its notes
   * reach this many bytes (the last one may take it past, by at most one note).
   */
  batchBytes?: number;
  pullLimit?: number;
  /** How long syncSoon waits for more writes (or pokes) before syncing. */
  pushDelayMs?: number;
  /** Pull this often while running. */
  intervalMs?: number;
  retry?: { baseMs?: number; maxMs?: number };
}

const emptyBatch = (): Required<SnapshotBatch> => ({
  people: [],
  connections: [],
  shared: [],
  notes: [],
  communities: [],
});

/**
 * Keeps the local cache in step with the server: queued writes pushed first, then the snapshot
 * (resumable, in batches) or incremental pulls. One run at a time; failures retry with backoff; a named
 * service with start/stop.
 */
export function createSyncEngine(options: SyncEngineOptions) {
  const { db, client, emit, onUnauthorized } = options;
  const now = options.now ?? Date.now;
  const batchSize = options.batchSize ?? 2000;
  const batchBytes = options.batchBytes ?? 16_000_000;
  const pullLimit = options.pullLimit ?? 1000;
  const intervalMs = options.intervalMs ?? 5 * 60_000;
  const pushDelayMs = options.pushDelayMs ?? 300;
  const onChanged = (count: number) => emit('directory.changed', { count });
  const onNetworkChanged = () => emit('network.changed', {});
  const onNotesChanged = () => emit('notes.changed', {});
  const onCommunitiesChanged = () => emit('communities.changed', {});
  const notesCipher = options.notesCipher ?? (async () => null);

  let status: SyncStatus = { state: 'idle', lastSyncedAt: null };
  let running: Promise<SyncStatus> | null = null;
  let timer: NodeJS.Timeout | undefined;
  let failures = 0;
  let stopped = true;
  let pushTimer: NodeJS.Timeout | undefined;
  let rerun = false;

  function setStatus(next: SyncStatus) {
    status = next;
    emit('sync.status', next);
  }

  function schedule(delayMs: number) {
    clearTimeout(timer);
    if (!stopped) timer = setTimeout(() => void syncNow(), delayMs);
  }

  async function bootstrap(lastSyncedAt: number | null) {
    const resume = await readState(db, 'bootstrap');
    // Into an empty cache (or one holding only this snapshot's rows: those past `after` were never written),
    // people insert without conflict checks. Rows kept from before a cursor reset are written over instead.
    let others = db.selectFrom('people').select('id').limit(1);
    if (resume) others = others.where('seq', '!=', resume.cursor);
    const fresh = (await others.execute()).length === 0;
    let applied = resume?.applied ?? 0;
    let queued = applied;
    let expected = applied;
    let batch = emptyBatch();
    let size = 0;
    let bytes = 0;
    let last: { section: BootstrapSection; after: string } | null = null;
    let cursor = resume?.cursor ?? 0;
    let dataset = resume?.dataset ?? '';
    let lastChangedAt = 0;
    // One batch commits while the next one is parsed: SQLite works on its thread, parsing on ours.
    let committing: Promise<void> = Promise.resolve();
    setStatus({ state: 'syncing', lastSyncedAt, progress: 0 });

    const flush = async () => {
      const rows = batch;
      if (!last || size === 0) return;
      const progress = { dataset, cursor, ...last, applied: (queued += size) };
      batch = emptyBatch();
      size = 0;
      bytes = 0;
      await committing;
      const cipher = rows.notes.length ? await notesCipher() : null;
      committing = applySnapshotBatch(db, rows, progress, { fresh, cipher, now: now() }).then(() => {
        applied = progress.applied;
        setStatus({
          state: 'syncing',
          lastSyncedAt,
          progress: expected ? Math.min(1, applied / expected) : 0,
        });
        if (now() - lastChangedAt > 1000) {
          lastChangedAt = now();
          onChanged(applied);
        }
      });
      // Awaited at the next flush or at the end; meanwhile a failure must not count as unhandled.
      committing.catch(() => undefined);
    };

    const query = resume ? { cursor: resume.cursor, section: resume.section, after: resume.after } : {};
    try {
      for await (const line of client.bootstrap(query)) {
        if (stopped) return;
        if (line.type === 'begin') {
          if (resume && line.dataset !== resume.dataset) {
            throw new ServerError('cursor_reset', "The server's data was rebuilt during the first sync");
          }
          dataset = line.dataset;
          cursor = line.cursor;
          expected = applied + line.total;
        } else if (line.type === 'end') {
          await flush();
          await committing;
          await finishSnapshot(
            db,
            { dataset, snapshotCursor: cursor, cursor: line.cursor },
            now(),
            await notesCipher(),
          );
          onChanged(applied);
          onNetworkChanged();
          onNotesChanged();
          onCommunitiesChanged();
        } else {
          if (line.type === 'person') {
            batch.people.push(line.value);
            last = { section: 'people', after: line.value.id };
          } else if (line.type === 'connection') {
            batch.connections.push(line.value);
            last = { section: 'connections', after: line.value.personId };
          } else if (line.type === 'note') {
            batch.notes.push(line.value);
            bytes += line.value.ciphertext.length; // base64url: one byte a character
            last = { section: 'notes', after: line.value.id };
          } else if (line.type === 'community') {
            batch.communities.push({ entity: 'community', value: line.value });
            last = { section: 'communities', after: line.value.id };
          } else if (line.type === 'membership') {
            batch.communities.push({ entity: 'membership', value: line.value });
            last = { section: 'memberships', after: `${line.value.communityId}/${line.value.personId}` };
          } else if (line.type === 'post') {
            batch.communities.push({ entity: 'post', value: line.value });
            last = { section: 'posts', after: line.value.id };
          } else if (line.type === 'community_pref') {
            batch.communities.push({ entity: 'community_pref', value: line.value });
            last = { section: 'community_prefs', after: line.value.communityId };
          } else {
            batch.shared.push(line.value);
            last = { section: 'shared_connections', after: `${line.value.ownerId}/${line.value.personId}` };
          }
          if (++size >= batchSize || bytes >= batchBytes) await flush();
        }
      }
    } finally {
      // Whatever happened to the stream, the batch already handed to SQLite commits (or fails) first.
      await committing.catch(() => undefined);
    }
  }

  async function pull() {
    let cursor = (await readState(db, 'cursor')) ?? 0;
    for (;;) {
      const page = await client.pull(cursor, pullLimit);
      if (stopped) return;
      const hasNotes = page.changes.some((c) => c.entity === 'note');
      const outcome = await applyPullPage(db, page, now(), hasNotes ? await notesCipher() : null);
      if (outcome.people > 0) onChanged(outcome.people);
      if (outcome.connections > 0) onNetworkChanged();
      if (outcome.notes > 0) onNotesChanged();
      if (outcome.communities > 0) onCommunitiesChanged();
      cursor = page.cursor;
      if (!page.hasMore) break;
    }
    if ((await fetchCommunitySnapshots(db, client, () => stopped)) > 0) onCommunitiesChanged();
  }

  /** Local writes go first: the pull that follows brings them back as the server's version. */
  async function push() {
    const outcome = await pushOutbox(db, client, {
      now,
      onRejected: (write) => emit('sync.rejected', write),
      cipher: notesCipher,
    });
    if (outcome.rejected.length > 0) onNetworkChanged();
    if (outcome.communitiesChanged > 0) onCommunitiesChanged();
    if (outcome.notesChanged > 0) onNotesChanged();
  }

  async function syncOnce() {
    const lastSyncedAt = await readState(db, 'lastSyncedAt');
    const bootstrapping = (await readState(db, 'cursor')) === null;
    if (!bootstrapping) setStatus({ state: 'syncing', lastSyncedAt, progress: null });
    // A push the server fails (a 500, a reply of the wrong shape) must not stop the rest of the data
    // syncing: pull anyway, then report the push's failure. Offline or unauthorized ends the run here.
    let pushFailure: ServerError | null = null;
    try {
      await push();
    } catch (err) {
      if (!(err instanceof ServerError && (err.kind === 'server' || err.kind === 'protocol'))) throw err;
      pushFailure = err;
    }
    if (stopped) return;
    if (bootstrapping) await bootstrap(lastSyncedAt);
    if (stopped) return;
    await pull();
    if (stopped) return;
    await options.refreshNotesKeyState?.(client);
    if (pushFailure) throw pushFailure;
  }

  async function run(): Promise<SyncStatus> {
    try {
      try {
        await syncOnce();
      } catch (err) {
        if (!(err instanceof ServerError && err.kind === 'cursor_reset')) throw err;
        // The server's data was restored or rebuilt: our cursor means nothing there any more. What we have
        // stays readable (nothing visible changes) until the new snapshot replaces it.
        await db.transaction().execute(markSyncedDataStale);
        await syncOnce();
      }
      if (stopped) return status;
      await options.onSynced?.();
      failures = 0;
      setStatus({ state: 'idle', lastSyncedAt: await readState(db, 'lastSyncedAt') });
      // A write queued while this run was past its push goes out now rather than at the next interval.
      schedule(rerun ? 0 : intervalMs);
      rerun = false;
    } catch (err) {
      const synced = await readState(db, 'lastSyncedAt');
      if (err instanceof ServerError && err.kind === 'unauthorized') {
        stopped = true;
        clearTimeout(timer);
        onUnauthorized(err.message);
        return status;
      }
      rerun = false; // the retry pushes whatever is queued by then
      const delay = backoffDelay(failures++, { ...options.retry, random: options.random });
      const message = err instanceof ServerError ? err.message : `Sync failed: ${String(err)}`;
      if (err instanceof ServerError && err.kind === 'offline') {
        setStatus({ state: 'offline', lastSyncedAt: synced, message, nextRetryAt: now() + delay });
      } else {
        setStatus({ state: 'error', lastSyncedAt: synced, message });
      }
      schedule(delay);
    }
    return status;
  }

  /** Runs a sync now, or joins the one under way; resolves with the status it ended in. */
  function syncNow(): Promise<SyncStatus> {
    if (stopped) return Promise.resolve(status);
    running ??= run().finally(() => (running = null));
    return running;
  }

  return {
    getStatus: () => status,
    syncNow,
    /** A local write was queued, or the server said the view changed: sync soon, once for a burst. */
    syncSoon() {
      if (stopped) return;
      clearTimeout(pushTimer);
      pushTimer = setTimeout(() => {
        if (running) rerun = true;
        else void syncNow();
      }, pushDelayMs);
    },
    /** Starts syncing at once, then on the interval. */
    start() {
      stopped = false;
      return syncNow();
    },
    /** Stops timers and waits for the run under way to reach a transaction boundary. */
    async stop() {
      stopped = true;
      clearTimeout(timer);
      clearTimeout(pushTimer);
      await running?.catch(() => undefined);
    },
  };
}
export type SyncEngine = ReturnType<typeof createSyncEngine>;
