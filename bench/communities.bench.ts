import { randomUUID } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import { listHomeActivity } from '#core/communities/activity.repo';
import { listFeedPage } from '#core/communities/feed.repo';
import { computeCommunityHealth } from '#core/communities/health.repo';
import { listCommunitySummaries } from '#core/communities/summaries.repo';
import { openLocalDb, type LocalDb } from '#core/store/local-db';
import { upsertPeople } from '#core/store/people.repo';
import { bulkInsert } from '#shared/node/bulk-insert';
import { makePerson } from '../tests/support/people.ts';
import { report } from './support/results.ts';
import { percentile, round } from './support/stats.ts';

const DAY = 86_400_000;
const DEPARTMENTS = [
  'Engineering',
  'Design',
  'Sales',
  'Marketing',
  'Finance',
  'Legal',
  'Support',
  'HR',
  'Data',
];
const SITES = ['Lyon', 'Paris', 'Berlin', 'London', 'Madrid', 'Milan', 'Warsaw'];
const KINDS = ['post', 'post', 'post', 'best_practice', 'event', 'announcement', 'job_opening'];
const POST_COLUMNS = [
  'id',
  'community_id',
  'author_id',
  'kind',
  'parent_id',
  'title',
  'body',
  'event_starts_at',
  'event_place',
  'accepted_answer_id',
  'created_at',
  'edited_at',
  'seq',
] as const;

async function timeRuns(runs: number, warmup: number, fn: () => Promise<unknown>) {
  for (let i = 0; i < warmup; i++) await fn();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await fn();
    samples.push(performance.now() - started);
  }
  return { p50Ms: round(percentile(samples, 50), 3), p95Ms: round(percentile(samples, 95), 3) };
}

/**
 * A cache with one big community (members, posts over 14 months: a fifth questions, a quarter answers) and a
 * few small ones, written with multi-row INSERTs in one transaction, as a snapshot would.
 */
async function seed(
  db: Kysely<LocalDb>,
  { members, posts, now }: { members: number; posts: number; now: number },
) {
  let state = 2024;
  const rand = () => (state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)]!;
  const people = Array.from({ length: members + 1000 }, (_, i) =>
    makePerson({
      id: `person-${i}`,
      name: `Person ${i}`,
      department: pick(DEPARTMENTS),
      location: pick(SITES),
      skills: [pick(['Kubernetes', 'Go', 'Figma', 'SQL', 'Rust', 'Excel'])],
    }),
  );
  const big = randomUUID();
  const small = Array.from({ length: 5 }, () => randomUUID());
  const start = now - 14 * 30 * DAY;
  await db.transaction().execute(async (tx) => {
    await upsertPeople(
      tx,
      people.map((person) => ({ person, seq: 1 })),
      { fresh: true },
    );
    const communities = [big, ...small].map((id, i) => [
      id,
      `Community ${i}`,
      'community_of_practice',
      'Sharing what we learn about platforms and data',
      '["Meet monthly"]',
      'open',
      'person-0',
      start,
      0,
      start,
      1,
    ]);
    await bulkInsert(
      tx,
      'communities',
      [
        'id',
        'name',
        'kind',
        'purpose',
        'objectives',
        'visibility',
        'created_by',
        'created_at',
        'archived',
        'updated_at',
        'seq',
      ],
      communities,
    );
    const membership = (communityId: string, i: number) => [
      communityId,
      `person-${i}`,
      i === 0 ? 'leader' : 'member',
      'active',
      start + Math.floor(rand() * (now - start)),
      start + Math.floor(rand() * (now - start)),
      1,
    ];
    const rows = [
      ...Array.from({ length: members }, (_, i) => membership(big, i)),
      ...small.flatMap((c) => Array.from({ length: 50 }, (_, i) => membership(c, i * 7))),
    ];
    await bulkInsert(
      tx,
      'memberships',
      ['community_id', 'person_id', 'role', 'status', 'since', 'joined_at', 'seq'],
      rows,
    );

    const postRows = (communityId: string, count: number, authors: number, step: number) => {
      const out: unknown[][] = [];
      const questions: { id: string; at: number }[] = [];
      for (let i = 0; i < count; i++) {
        const createdAt = Math.min(now, start + Math.floor(((i + rand()) / count) * (now - start)));
        const author = `person-${Math.floor(rand() * authors) * step}`;
        const r = rand();
        const id = randomUUID();
        const body = `Notes ${i}: ${'what we learned this week about the platform, '.repeat(4)}`;
        if (r < 0.25 && questions.length > 0) {
          // An answer to one of the recent questions, after it.
          const q = questions[Math.max(0, questions.length - 1 - Math.floor(rand() * 20))]!;
          out.push([
            id,
            communityId,
            author,
            'answer',
            q.id,
            null,
            body,
            null,
            null,
            null,
            Math.max(createdAt, q.at + 1),
            null,
            1,
          ]);
        } else if (r < 0.45) {
          questions.push({ id, at: createdAt });
          out.push([
            id,
            communityId,
            author,
            'question',
            null,
            `Question ${i}?`,
            body,
            null,
            null,
            null,
            createdAt,
            null,
            1,
          ]);
        } else {
          const kind = pick(KINDS);
          const event = kind === 'event' ? [createdAt + 7 * DAY, 'Lyon, room 4'] : [null, null];
          out.push([
            id,
            communityId,
            author,
            kind,
            null,
            `Post ${i}`,
            body,
            ...event,
            null,
            createdAt,
            null,
            1,
          ]);
        }
      }
      return out;
    };
    await bulkInsert(tx, 'posts', POST_COLUMNS, postRows(big, posts, members, 1));
    for (const c of small) await bulkInsert(tx, 'posts', POST_COLUMNS, postRows(c, 500, 50, 7));

    // The viewer follows every community, has read the big one up to 30 days ago, and has two writes queued.
    await bulkInsert(
      tx,
      'community_prefs',
      ['community_id', 'followed', 'muted', 'last_read_at', 'updated_at', 'seq'],
      [big, ...small].map((id) => [id, 1, 0, now - 30 * DAY, now, 1]),
    );
  });
  return { big, small, viewer: 'person-1' };
}

/** Health of a big community and pages of its feed, from the local cache (no server). */
export async function benchCommunities({
  workDir,
  members,
  posts,
  healthRuns,
  feedRuns,
}: {
  workDir: string;
  members: number;
  posts: number;
  healthRuns: number;
  feedRuns: number;
}) {
  const dataDir = join(workDir, 'communities-client');
  await rm(dataDir, { recursive: true, force: true });
  const db = await openLocalDb(dataDir);
  try {
    const now = Date.now();
    const seeded = performance.now();
    const { big, small, viewer } = await seed(db, { members, posts, now });
    const seedSeconds = round((performance.now() - seeded) / 1000, 2);

    const health = await timeRuns(healthRuns, 2, () => computeCommunityHealth(db, big, now));
    report('communities.health', { members, posts, runs: healthRuns, seedSeconds, ...health, goalMs: 100 });

    const me = { personId: viewer };
    const first = await timeRuns(feedRuns, 3, () => listFeedPage(db, { communityId: big, limit: 50 }, me));
    // A cursor half-way down the feed (about three posts in four are not answers): walk there once.
    let before: { createdAt: number; id: string } | undefined;
    for (let i = 0; i < Math.floor((posts * 0.75) / 2 / 50); i++) {
      const page = await listFeedPage(db, { communityId: big, limit: 50, before }, me);
      before = page.next ?? before;
    }
    const deep = await timeRuns(feedRuns, 3, () =>
      listFeedPage(db, { communityId: big, limit: 50, before }, me),
    );
    const events = await timeRuns(feedRuns, 3, () =>
      listFeedPage(db, { communityId: big, kind: 'event', limit: 50 }, me),
    );
    report('communities.feed', {
      posts,
      limit: 50,
      runs: feedRuns,
      firstPage: first,
      deepPage: {
        ...deep,
        at: before?.createdAt === undefined ? null : new Date(before.createdAt).toISOString(),
      },
      eventsOnly: events,
      goalMs: 20,
    });

    const summaries = await timeRuns(feedRuns, 3, () =>
      listCommunitySummaries(db, [big, ...small], viewer, now),
    );
    const activity = await timeRuns(feedRuns, 3, () =>
      listHomeActivity(db, { limit: 50, unreadOnly: false }, viewer, now),
    );
    report('communities.lists', {
      communities: 1 + small.length,
      runs: feedRuns,
      summaries,
      homeActivity: activity,
    });
  } finally {
    await db.destroy();
  }
}
