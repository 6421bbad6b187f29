import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { createCore } from '#core/create-core';
import type { Person } from '#shared/domain/person';
import { KithError } from '#shared/errors';
import { AuthSession } from '#shared/wire/auth';
import { memorySecrets } from '../tests/support/memory-secrets.ts';
import { startCuttingProxy } from '../tests/support/cutting-proxy.ts';
import { report } from './support/results.ts';
import { round } from './support/stats.ts';

const NOTE_TEXT =
  'Met at the architecture guild; wants to compare notes on **event sourcing** and the ' +
  'migration of the billing service. Follow up after the quarterly planning, and ask about ' +
  'the mentoring programme in Lyon.';

/**
 * 10,000 writes queued while the server is unreachable — half connection edits, half notes (new and
 * edited, each encrypted as it is queued) — then the time for the next sync to push them all (in
 * batches) and pull their echo back.
 */
export async function benchPush({
  serverUrl,
  people,
  workDir,
  writes,
}: {
  serverUrl: string;
  people: readonly Person[];
  workDir: string;
  writes: number;
}) {
  const gate = await startCuttingProxy(serverUrl);
  const dataDir = join(workDir, 'push-client');
  await rm(dataDir, { recursive: true, force: true });
  const core = await createCore({ dataDir, secrets: memorySecrets() });
  try {
    // Not the demo user the bootstrap benchmark signs in as: its snapshot must not grow with these writes.
    const response = await fetch(`${serverUrl}/v1/demo/sessions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: people[people.length - 1]!.email }),
    });
    const { accessToken: token, person: me } = AuthSession.parse(await response.json());
    const idle = new Promise<void>((resolve) =>
      core.events.on('sync.status', (s) => s.state === 'idle' && resolve()),
    );
    await core.handlers.session.connectServer({ serverUrl: gate.url, token });
    await idle;
    // The benchmark server's data is cached between runs: an earlier run may have set up the notes key.
    const passphrase = 'benchmark passphrase';
    await core.handlers.notes.setUpEncryption({ passphrase }).catch(async (err: unknown) => {
      if (!(err instanceof KithError && err.code === 'conflict')) throw err;
      await core.handlers.notes.unlock({ passphrase });
    });

    gate.setOpen(false);
    const others = people.filter((p) => p.id !== me.id);
    const queueStarted = performance.now();
    const noteIds: string[] = [];
    for (let i = 0; i < writes; i++) {
      const person = others[i % others.length]!;
      if (i % 2 === 0) {
        await core.handlers.network.saveConnection({
          personId: person.id,
          patch: { kinds: ['worked_with'], strength: (i % 5) + 1, howMet: `Benchmark write ${i}` },
        });
        continue;
      }
      // Every fourth write edits a note written earlier; the others write new ones.
      const editing = i % 4 === 3 ? noteIds[(i - 3) / 4] : undefined;
      const note = await core.handlers.notes.save({
        ...(editing ? { id: editing } : {}),
        personId: person.id,
        body: `Benchmark note ${i}. ${NOTE_TEXT}`,
        tags: ['benchmark'],
        pinned: false,
        followUpAt: null,
        interaction: null,
      });
      if (!editing) noteIds.push(note.id);
    }
    const queueSeconds = (performance.now() - queueStarted) / 1000;
    await core.handlers.sync.syncNow(undefined);

    gate.setOpen(true);
    const started = performance.now();
    const status = await core.handlers.sync.syncNow(undefined);
    const seconds = (performance.now() - started) / 1000;
    if (status.state !== 'idle') throw new Error(`the push did not finish: ${JSON.stringify(status)}`);
    const { items } = await core.handlers.network.listConnections({ sort: 'name', direction: 'asc' });
    const encryption = await core.handlers.notes.getEncryption(undefined);
    if (encryption.unsyncedNotes !== 0) throw new Error(`notes left unsynced: ${JSON.stringify(encryption)}`);
    report('push', {
      mutations: writes,
      noteMutations: Math.floor(writes / 2),
      seconds: round(seconds),
      mutationsPerSecond: Math.round(writes / seconds),
      goalSeconds: 5,
      connectionsAfter: items.length,
      localWritesQueuedSeconds: round(queueSeconds),
    });
  } finally {
    await core.close();
    await gate.close();
  }
}
