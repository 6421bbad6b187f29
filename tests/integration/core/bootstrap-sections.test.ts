import { join } from 'node:path';
import type { Kysely } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openLocalDb, type LocalDb } from '#core/store/local-db';
import { readState } from '#core/store/local-state.repo';
import { createServerClient } from '#core/sync/server-client';
import { createSyncEngine } from '#core/sync/sync-engine';
import { patchConnection } from '#server/repos/connections.repo';
import { issueToken, startServer, type RunningServer } from '#server/server';
import { makeTempDir } from '../../support/temp-dir.ts';

describe('sync engine resuming a snapshot inside the connections section', () => {
  let dir: Awaited<ReturnType<typeof makeTempDir>>;
  let server: RunningServer;
  let db: Kysely<LocalDb>;
  beforeEach(async () => {
    dir = await makeTempDir();
    server = await startServer({
      dbFile: join(dir.path, 'server.db'),
      demo: { size: 200, seed: 5, connections: false },
    });
    db = await openLocalDb(join(dir.path, 'client'));
  });
  afterEach(async () => {
    await db.destroy();
    await server.close();
    await dir.remove();
  });

  it('resumes after the last connection committed, with every row applied once', async () => {
    const ids = (await server.db.selectFrom('people').select('id').orderBy('id').execute()).map((r) => r.id);
    const owner = ids[0]!;
    const others = ids.slice(1, 41);
    for (const [i, personId] of others.entries()) {
      await patchConnection(server.db, { ownerId: owner, personId }, { strength: (i % 5) + 1 }, 1000 + i);
    }
    const token = await issueToken(server.db, owner);
    // How long the whole snapshot is, to cut it half-way through the connection lines.
    const full = await (
      await fetch(`${server.url}/v1/sync/bootstrap`, { headers: { authorization: `Bearer ${token}` } })
    ).text();
    const lines = full.trimEnd().split('\n');
    // Later sections (communities, their members and posts) follow the connections: cut at the byte offset
    // of the middle connection line, wherever the connections sit in the stream.
    const connectionLines = lines.flatMap((l, i) => (l.includes('"type":"connection"') ? [i] : []));
    const middle = connectionLines[Math.floor(connectionLines.length / 2)]!;
    const bytesBefore = (n: number) =>
      lines.slice(0, n).reduce((sum, l) => sum + Buffer.byteLength(l) + 1, 0);

    // The first bootstrap response breaks off half-way through the connection lines.
    const requests: string[] = [];
    let cutAt: number | null = bytesBefore(middle);
    const fetchCut: typeof fetch = async (input, init) => {
      const url = String(input);
      requests.push(url);
      const response = await fetch(input, init);
      if (!url.includes('/bootstrap') || cutAt === null || !response.body) return response;
      let budget = cutAt;
      cutAt = null;
      const body = response.body.pipeThrough(
        new TransformStream<Uint8Array, Uint8Array>({
          transform(chunk, controller) {
            if (budget <= 0) return controller.error(new Error('connection reset'));
            controller.enqueue(chunk.subarray(0, budget));
            budget -= chunk.length;
            if (budget <= 0) controller.error(new Error('connection reset'));
          },
        }),
      );
      return new Response(body, { status: response.status, headers: response.headers });
    };
    const engine = createSyncEngine({
      db,
      client: createServerClient({ serverUrl: server.url, token, fetch: fetchCut }),
      batchSize: 1,
      emit: () => undefined,
      onUnauthorized: () => undefined,
      retry: { baseMs: 60_000 },
    });
    engine.start();
    expect((await engine.syncNow()).state).toBe('offline');
    const partial = await readState(db, 'bootstrap');
    expect(partial?.section).toBe('connections');
    const before = await db.selectFrom('connections_synced').select('person_id').execute();
    expect(before.length).toBeGreaterThan(0);
    expect(before.length).toBeLessThan(others.length);

    expect((await engine.syncNow()).state).toBe('idle');
    await engine.stop();
    const resumed = requests.filter((r) => r.includes('bootstrap'));
    expect(resumed).toHaveLength(2);
    expect(resumed[1]).toContain(`section=connections&after=${partial!.after}`);
    const rows = await db
      .selectFrom('connections')
      .select(['person_id', 'strength'])
      .orderBy('person_id')
      .execute();
    expect(rows.map((r) => r.person_id)).toEqual([...others].sort());
    expect(rows.find((r) => r.person_id === others[7])?.strength).toBe(3);
    expect(await readState(db, 'bootstrap')).toBeNull();
  });
});
