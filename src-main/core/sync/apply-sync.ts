import type { Kysely, Transaction } from 'kysely';
import type { Person } from '#shared/domain/person';
import type { Change, PullPage } from '#shared/wire/sync';
import type { LocalDb } from '../store/local-db.ts';
import { deleteState, readState, writeState } from '../store/local-state.repo.ts';
import { clearPeople, deletePeople, upsertPeople } from '../store/people.repo.ts';
import { ServerError } from './server-client.ts';

export interface BootstrapProgress {
  dataset: string;
  cursor: number;
  after: string;
  applied: number;
}

/**
 * Applies one batch of the snapshot and records how far it got, in one transaction: a crash or a cut
 * connection resumes after the last id committed here.
 */
export async function applySnapshotBatch(
  db: Kysely<LocalDb>,
  people: readonly Person[],
  progress: BootstrapProgress,
  { fresh }: { fresh: boolean },
) {
  await db.transaction().execute(async (trx) => {
    await upsertPeople(
      trx,
      people.map((person) => ({ person, seq: progress.cursor })),
      { fresh },
    );
    await writeState(trx, 'bootstrap', progress);
  });
}

/** The snapshot is complete: from now on, incremental pulls from its cursor. */
export async function finishSnapshot(db: Kysely<LocalDb>, dataset: string, cursor: number, now: number) {
  await db.transaction().execute(async (trx) => {
    await deleteState(trx, 'bootstrap');
    await writeState(trx, 'dataset', dataset);
    await writeState(trx, 'cursor', cursor);
    await writeState(trx, 'lastSyncedAt', now);
  });
}

/**
 * Applies one pull page and moves the cursor in the same transaction. Within a page the last change of
 * an id wins; a page that was cut off never gets here, so nothing is half-applied.
 */
export async function applyPullPage(
  db: Kysely<LocalDb>,
  { dataset, changes, cursor }: PullPage,
  now: number,
) {
  const latest = new Map<string, Change>();
  for (const change of changes) {
    const id = change.op === 'upsert' ? change.value.id : change.id;
    latest.delete(id);
    latest.set(id, change);
  }
  const upserts: { person: Person; seq: number }[] = [];
  const deletes: string[] = [];
  for (const change of latest.values()) {
    if (change.op === 'upsert') upserts.push({ person: change.value, seq: change.seq });
    else deletes.push(change.id);
  }
  await db.transaction().execute(async (trx) => {
    if ((await readState(trx, 'dataset')) !== dataset) {
      throw new ServerError('cursor_reset', "The server's data was rebuilt since the last sync");
    }
    const current = await readState(trx, 'cursor');
    if (current !== null && cursor < current) return; // an older page arriving late changes nothing
    await deletePeople(trx, deletes);
    await upsertPeople(trx, upserts);
    await writeState(trx, 'cursor', cursor);
    await writeState(trx, 'lastSyncedAt', now);
  });
  return latest.size;
}

/** Forgets everything synced, in the caller's transaction: the next sync bootstraps afresh. */
export async function discardSyncedData(trx: Transaction<LocalDb>) {
  await clearPeople(trx);
  await deleteState(trx, 'cursor', 'dataset', 'bootstrap');
}
