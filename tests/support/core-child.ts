/**
 * A core in a process of its own, for the crash-safety test, which SIGKILLs it. It signs in (or resumes),
 * then makes the planned writes one after another, printing `COMMITTED <i>` once write i resolved, while
 * it syncs over and over. `finish` mode only syncs until nothing is queued, then exits.
 * Lines on stdout: READY, COMMITTED <i>, DYING <step>, SYNCED <lastMutationId>; errors go to stderr.
 */
import { createCore } from '#core/create-core';
import type { SecretStore } from '#core/core-types';
import { createRng } from '#server/demo/prng';
import { createFileSecretStore } from '../../src-web/host/file-secret-store.ts';
import { KithError } from '#shared/errors';
import { createWorkload, NOTES_PASSPHRASE, notePrefix, type ChildPlan } from './crash-workload.ts';

const plan = JSON.parse(process.env.KITH_CRASH_CHILD ?? 'null') as ChildPlan | null;
if (!plan) throw new Error('KITH_CRASH_CHILD is not set');
const rng = createRng(plan.runSeed);
const say = (line: string) => process.stdout.write(`${line}\n`); // synchronous on a pipe (Linux)
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function die(step: string) {
  say(`DYING ${step}`);
  process.kill(process.pid, 'SIGKILL');
}

/** fetch with the kill hook: counts pushes and non-empty pulls and dies at the chosen one. */
function fetchWithHook(): typeof globalThis.fetch {
  const seen = { 'push-sent': 0, 'push-acked': 0, 'pull-received': 0 };
  const hook = plan!.dieAt;
  const hits = (step: keyof typeof seen) => hook?.step === step && ++seen[step] === hook.nth;
  const later = (step: string) => setTimeout(() => die(step), hook?.delayMs ?? 0);
  return async (input, init) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    const isPush = url.includes('/v1/sync/push');
    if (isPush && hits('push-sent')) {
      const response = globalThis.fetch(input, init);
      later('push-sent');
      return response;
    }
    const response = await globalThis.fetch(input, init);
    if (isPush && response.ok && hits('push-acked')) {
      await response.clone().arrayBuffer();
      die('push-acked');
    }
    if (url.includes('/v1/sync/pull') && response.ok && hook?.step === 'pull-received') {
      const page = JSON.parse(await response.clone().text()) as { changes?: unknown[] };
      if ((page.changes?.length ?? 0) > 0 && hits('pull-received')) later('pull-received');
    }
    return response;
  };
}

async function main(plan: ChildPlan) {
  const files = createFileSecretStore(plan.dataDir);
  const secrets: SecretStore = {
    ...files,
    async set(name, value) {
      await files.set(name, value);
      if (plan.dieAt?.step === 'notes-key-saved' && name.startsWith('notes-key:')) die('notes-key-saved');
    },
  };
  const core = await createCore({
    dataDir: plan.dataDir,
    secrets,
    fetch: fetchWithHook(),
    sync: { requestTimeoutMs: 10_000, retry: { baseMs: 20, maxMs: 200 } },
  });
  const session = await core.handlers.session.getSession(undefined);
  if (session.state === 'signed_out') {
    await core.handlers.session.connectServer({ serverUrl: plan.serverUrl, token: plan.token });
  }

  if (plan.mode === 'finish') {
    for (let idle = 0, tries = 0; idle < 2; tries++) {
      if (tries > 200) throw new Error('sync never ended idle');
      const status = await core.handlers.sync.syncNow(undefined);
      idle = status.state === 'idle' ? idle + 1 : 0;
      if (status.state !== 'idle') await sleep(50);
    }
    await core.close();
    say('SYNCED');
    return;
  }

  // Writes need the directory: wait until a snapshot completed (in this run or an earlier one).
  while ((await core.handlers.sync.getStatus(undefined)).lastSyncedAt === null) await sleep(20);
  // Note writes are mutations only once notes sync: set up (or, after a crash mid-setup, unlock) first.
  while (plan.withNotes && (await core.handlers.notes.getEncryption(undefined)).state !== 'ready') {
    const passphrase = NOTES_PASSPHRASE;
    const { state } = await core.handlers.notes.getEncryption(undefined);
    if (state === 'locked') await core.handlers.notes.unlock({ passphrase });
    else {
      await core.handlers.notes.setUpEncryption({ passphrase }).catch(async (err: unknown) => {
        if (!(err instanceof KithError && err.code === 'conflict')) throw err;
        await core.handlers.notes.unlock({ passphrase }); // the key reached the server before the crash
      });
    }
  }
  if (plan.mode === 'notes-before-setup') {
    for (let k = 0; k < 3; k++) {
      const body = `${notePrefix(k)} written before notes were set up`;
      await core.handlers.notes.save({
        personId: plan.people[k]!,
        body,
        tags: [],
        pinned: false,
        followUpAt: null,
        interaction: null,
      });
      say(`COMMITTED ${k}`);
    }
    await core.handlers.notes.setUpEncryption({ passphrase: NOTES_PASSPHRASE });
    await core.close();
    say('SET UP');
    return;
  }
  say('READY');
  // Sync over and over, so that pushes and pulls run while writes are made.
  void (async () => {
    for (;;) {
      await core.handlers.sync.syncNow(undefined);
      await sleep(rng.int(5, 60));
    }
  })();
  const workload = createWorkload(plan.seed, plan.people, plan.withNotes);
  const noteIds = new Map<number, string>();
  async function findNoteId(note: number, personId: string) {
    const known = noteIds.get(note);
    if (known) return known;
    const found = (await core.handlers.notes.listForPerson({ personId })).find((n) =>
      n.body.startsWith(notePrefix(note)),
    );
    if (!found) throw new Error(`note ${note} is not on this device`);
    return found.id;
  }
  for (let i = plan.from; ; i++) {
    const write = workload.write(i);
    if (write.type === 'note') {
      const id = write.edit ? await findNoteId(write.note, write.personId) : undefined;
      const fields = {
        personId: write.personId,
        body: write.body,
        tags: [],
        pinned: false,
        followUpAt: null,
      };
      const saved = await core.handlers.notes.save({ ...fields, interaction: null, ...(id ? { id } : {}) });
      noteIds.set(write.note, saved.id);
    } else if (write.type === 'put') {
      await core.handlers.network.saveConnection({ personId: write.personId, patch: write.patch });
    } else {
      const { removed } = await core.handlers.network.removeConnection({ personId: write.personId });
      if (!removed)
        throw new Error(`write ${i}: the connection with ${write.personId} was not there to remove`);
    }
    say(`COMMITTED ${i}`);
    await sleep(rng.int(0, 15));
  }
}

main(plan).catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
