import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { createCore } from '#core/create-core';
import type { Person } from '#shared/domain/person';
import { AuthSession } from '#shared/wire/auth';
import { memorySecrets } from '../tests/support/memory-secrets.ts';
import { report } from './support/results.ts';
import { percentile, round } from './support/stats.ts';

const WORDS = (
  'platform migration kubernetes roadmap hiring budget review onboarding mentoring incident postmortem ' +
  'design system accessibility pricing customer renewal forecast quarterly planning offsite lyon berlin ' +
  'london paris security audit compliance latency database postgres caching release rollout feedback ' +
  'promotion career coaching conference talk workshop guild community practice analytics dashboard'
).split(' ');
const TAGS = ['1on1', 'mentoring', 'hiring', 'project', 'event', 'follow-up', 'idea', 'feedback'];

/** Notes search over many notes written on this computer: the same queries a person types. */
export async function benchNotesSearch({
  serverUrl,
  people,
  workDir,
  notes,
  queries,
}: {
  serverUrl: string;
  people: readonly Person[];
  workDir: string;
  notes: number;
  queries: number;
}) {
  let state = 4242;
  const rand = () => (state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)]!;
  const dataDir = join(workDir, 'notes-client');
  await rm(dataDir, { recursive: true, force: true });
  const core = await createCore({ dataDir, secrets: memorySecrets() });
  try {
    const author = people.filter((p) => p.active)[2]!;
    const response = await fetch(`${serverUrl}/v1/demo/sessions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: author.email }),
    });
    const { accessToken: token } = AuthSession.parse(await response.json());
    const idle = new Promise<void>((resolve) =>
      core.events.on('sync.status', (s) => s.state === 'idle' && resolve()),
    );
    await core.handlers.session.connectServer({ serverUrl, token });
    await idle;

    const subjects = people.filter((p) => p.id !== author.id).slice(0, 2000);
    for (let i = 0; i < notes; i++) {
      const length = 40 + Math.floor(rand() * 120);
      const body = Array.from({ length }, () => pick(WORDS)).join(' ');
      await core.handlers.notes.save({
        personId: pick(subjects).id,
        body,
        tags: [pick(TAGS)],
        pinned: false,
        followUpAt: null,
        interaction: null,
      });
    }

    const samples: number[] = [];
    for (let i = 0; i < queries; i++) {
      const word = pick(WORDS);
      const text =
        rand() < 0.3
          ? `${word.slice(0, 3)} ${pick(WORDS).slice(0, 4)}`
          : word.slice(0, 2 + Math.floor(rand() * 5));
      const tag = rand() < 0.2 ? pick(TAGS) : undefined;
      const started = performance.now();
      await core.handlers.notes.search({ text, tag, limit: 50 });
      samples.push(performance.now() - started);
    }
    report('notes.search', {
      notes,
      queries,
      limit: 50,
      p50Ms: round(percentile(samples, 50), 3),
      p95Ms: round(percentile(samples, 95), 3),
      p99Ms: round(percentile(samples, 99), 3),
      goalP95Ms: 10,
    });
  } finally {
    await core.close();
  }
}
