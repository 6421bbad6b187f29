import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createEventHub } from '#core/events';
import { openLocalDb, type LocalDb } from '#core/store/local-db';
import type { ServerClient } from '#core/sync/server-client';
import { createSyncEngine } from '#core/sync/sync-engine';
import type { BootstrapLine, PullPage } from '#shared/wire/sync';
import { makeTempDir } from '../../../support/temp-dir.ts';

/** A server that only answers a snapshot of `notes` (and an empty pull after it). */
function snapshotServer(notes: { id: string; rev: number; ciphertext: string }[]) {
  const client = {
    async *bootstrap(): AsyncGenerator<BootstrapLine> {
      yield { type: 'begin', dataset: 'd1', cursor: 7, total: notes.length };
      for (const value of notes) yield { type: 'note', value };
      yield { type: 'end', cursor: 7, count: notes.length };
    },
    pull: async (): Promise<PullPage> => ({ dataset: 'd1', changes: [], cursor: 7, hasMore: false }),
  };
  return client as unknown as ServerClient;
}

describe('createSyncEngine', () => {
  let dir: Awaited<ReturnType<typeof makeTempDir>>;
  let db: Kysely<LocalDb>;
  beforeEach(async () => {
    dir = await makeTempDir();
    db = await openLocalDb(dir.path);
  });
  afterEach(async () => {
    await db.destroy();
    await dir.remove();
  });

  it('ends a snapshot batch once its notes reach the byte bound, well before the row count', async () => {
    // Eight notes of 4.5 MB: 36 MB in all, in batches of 16 MB and at most one note more.
    const ciphertext = 'A'.repeat(4_500_000);
    const notes = Array.from({ length: 8 }, () => ({ id: randomUUID(), rev: 1, ciphertext })).sort((a, b) =>
      a.id.localeCompare(b.id),
    );
    const progress: number[] = [];
    const events = createEventHub();
    events.on('sync.status', (s) => {
      if (s.state === 'syncing' && s.progress) progress.push(s.progress);
    });
    const engine = createSyncEngine({
      db,
      client: snapshotServer(notes),
      emit: events.emit,
      onUnauthorized: () => undefined,
      retry: { baseMs: 60_000 },
    });
    expect(await engine.start()).toMatchObject({ state: 'idle' });
    await engine.stop();
    expect(progress).toEqual([0.5, 1]); // one commit per four notes, not one for all eight
    const stored = await db.selectFrom('notes_synced').select(['id', 'seq']).orderBy('id').execute();
    expect(stored).toEqual(notes.map((n) => ({ id: n.id, seq: 7 })));
  });
});
