import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { computeCommunityHealth } from '#core/communities/health.repo';
import {
  healthFromPosts,
  median,
  monthKey,
  type HealthMember,
  type HealthPerson,
  type HealthPost,
} from '#core/communities/health';
import { openLocalDb, type LocalDb } from '#core/store/local-db';
import { upsertPeople } from '#core/store/people.repo';
import type { CommunityHealth } from '#shared/domain/community';
import { makePerson } from '../../support/people.ts';
import { makeTempDir } from '../../support/temp-dir.ts';

const at = (iso: string) => Date.parse(iso);
const HOUR = 3_600_000;
const COMMUNITY = 'c-health';
// Sunday 15 March 2026, noon UTC. The 28-day window is (15 Feb 12:00, 15 Mar 12:00]; the 90-day one
// (15 Dec 2025 12:00, 15 Mar 2026 12:00]; the 12 months run from April 2025 to March 2026.
const NOW = at('2026-03-15T12:00:00.000Z');

const people: HealthPerson[] = [
  { id: 'a', department: 'Engineering', location: 'Lyon' },
  { id: 'b', department: 'Engineering', location: 'Paris' },
  { id: 'c', department: 'Design', location: 'Lyon' },
  { id: 'd', department: 'Sales', location: 'Berlin' },
  { id: 'e', department: 'Design', location: 'Paris' },
  { id: 'f', department: 'Sales', location: 'Berlin' },
  { id: 'g', department: 'Legal', location: 'Madrid' },
  { id: 'h', department: 'Finance', location: 'London' },
];

const members: HealthMember[] = [
  { personId: 'a', status: 'active', joinedAt: at('2025-01-10T09:00:00.000Z') },
  { personId: 'b', status: 'active', joinedAt: at('2025-06-01T00:00:00.000Z') },
  { personId: 'c', status: 'active', joinedAt: at('2026-02-20T10:00:00.000Z') },
  { personId: 'd', status: 'active', joinedAt: at('2026-03-01T10:00:00.000Z') },
  // Exactly 28 days before NOW: just outside the window.
  { personId: 'e', status: 'active', joinedAt: at('2026-02-15T12:00:00.000Z') },
  // The last millisecond of December.
  { personId: 'f', status: 'active', joinedAt: at('2025-12-31T23:59:59.999Z') },
  // Waiting for a leader: not a member.
  { personId: 'g', status: 'requested', joinedAt: null },
  // h posted but has left: no membership in the cache.
];

const post = (id: string, authorId: string, kind: string, iso: string, parentId: string | null = null) => ({
  id,
  authorId,
  kind,
  parentId,
  createdAt: at(iso),
});

const posts: HealthPost[] = [
  post('q1', 'a', 'question', '2026-03-01T10:00:00.000Z'),
  post('ans1', 'b', 'answer', '2026-03-01T12:00:00.000Z', 'q1'), // first answer to q1: 2 h
  post('ans2', 'c', 'answer', '2026-03-02T10:00:00.000Z', 'q1'), // a later answer: ignored for timing
  post('q2', 'c', 'question', '2026-02-20T08:00:00.000Z'),
  post('ans3', 'd', 'answer', '2026-02-20T13:00:00.000Z', 'q2'), // 5 h
  post('q3', 'd', 'question', '2026-03-10T09:00:00.000Z'), // unanswered
  post('p1', 'h', 'post', '2026-03-05T09:00:00.000Z'), // by someone who left
  post('p2', 'a', 'post', '2026-02-15T12:00:00.000Z'), // exactly NOW − 28 d: outside the window
  post('p3', 'e', 'best_practice', '2026-03-15T12:00:00.000Z'), // exactly NOW: inside
  post('p4', 'b', 'post', '2026-03-15T12:00:00.001Z'), // after NOW: ignored
  post('p5', 'a', 'post', '2025-12-31T23:59:59.999Z'), // December's last millisecond
  post('p6', 'f', 'event', '2026-01-01T00:00:00.000Z'), // January's first
  post('p7', 'a', 'post', '2025-03-31T23:00:00.000Z'), // before the 12 months
  post('q0', 'b', 'question', '2025-12-15T12:00:00.000Z'), // exactly NOW − 90 d: outside the 90 days
  post('ans0', 'a', 'answer', '2025-12-16T12:00:00.000Z', 'q0'), // 24 h
];

const emptyMonth = (month: string, membersAtEnd: number, newMembers = 0) => ({
  month,
  activeMembers: 0,
  posts: 0,
  postsPerWeek: 0,
  questions: 0,
  answeredShare: null,
  medianHoursToFirstAnswer: null,
  newMembers,
  members: membersAtEnd,
});

const expected: CommunityHealth = {
  communityId: COMMUNITY,
  asOf: NOW,
  // In the window: q1 ans1 ans2 q2 ans3 q3 p1 p3 = 8 posts by a b c d h e; h is no member: 5.
  activeMembers28d: 5,
  postsPerWeek28d: 2, // 8 / 4 weeks
  // Questions of the 90 days: q1 (2 h), q2 (5 h), q3 (none); q0 sits on the edge, outside.
  answeredShare90d: 2 / 3,
  medianHoursToFirstAnswer90d: 3.5, // (2 + 5) / 2
  newMembers28d: 2, // c and d; e joined on the edge
  members: 6, // a–f; g only asked
  reach: {
    // a Engineering/Lyon, b Engineering/Paris, c Design/Lyon, d Sales/Berlin, e Design/Paris.
    departments: 3,
    sites: 3,
    topDepartments: [
      { name: 'Design', members: 2 },
      { name: 'Engineering', members: 2 },
      { name: 'Sales', members: 1 },
    ],
  },
  months: [
    emptyMonth('2025-04', 1), // a
    emptyMonth('2025-05', 1),
    emptyMonth('2025-06', 2, 1), // b joins
    emptyMonth('2025-07', 2),
    emptyMonth('2025-08', 2),
    emptyMonth('2025-09', 2),
    emptyMonth('2025-10', 2),
    emptyMonth('2025-11', 2),
    {
      month: '2025-12',
      activeMembers: 2, // p5 and ans0 by a, q0 by b
      posts: 3,
      postsPerWeek: (3 / 31) * 7,
      questions: 1, // q0, answered after 24 h
      answeredShare: 1,
      medianHoursToFirstAnswer: 24,
      newMembers: 1, // f, on the last millisecond
      members: 3, // a b f
    },
    {
      month: '2026-01',
      activeMembers: 1, // p6 by f
      posts: 1,
      postsPerWeek: (1 / 31) * 7,
      questions: 0,
      answeredShare: null,
      medianHoursToFirstAnswer: null,
      newMembers: 0,
      members: 3,
    },
    {
      month: '2026-02',
      activeMembers: 3, // p2 a, q2 c, ans3 d
      posts: 3,
      postsPerWeek: (3 / 28) * 7, // 0.75
      questions: 1, // q2, 5 h
      answeredShare: 1,
      medianHoursToFirstAnswer: 5,
      newMembers: 2, // c and e
      members: 5, // a b f c e
    },
    {
      month: '2026-03',
      activeMembers: 6, // q1 a, ans1 b, ans2 c, q3 d, p1 h (posted as a member then), p3 e
      posts: 6, // p4 comes after NOW
      postsPerWeek: (6 / 15) * 7, // 15 days begun (1–15 March): 2.8
      questions: 2, // q1 answered (2 h), q3 not
      answeredShare: 0.5,
      medianHoursToFirstAnswer: 2,
      newMembers: 1, // d
      members: 6,
    },
  ],
};

/** Compares with toBeCloseTo on fractions, exact elsewhere. */
function expectHealth(actual: CommunityHealth, wanted: CommunityHealth) {
  const fractions = (h: CommunityHealth) => ({
    ...h,
    answeredShare90d: h.answeredShare90d === null ? null : Number(h.answeredShare90d.toFixed(9)),
    months: h.months.map((m) => ({ ...m, postsPerWeek: Number(m.postsPerWeek.toFixed(9)) })),
  });
  expect(fractions(actual)).toEqual(fractions(wanted));
}

describe('health (pure definition)', () => {
  it('computes every figure of the fixture by hand', () => {
    expectHealth(healthFromPosts({ communityId: COMMUNITY, now: NOW, posts, members, people }), expected);
  });

  it('takes the mean of the middle two for an even count', () => {
    expect(median([5, 2])).toBe(3.5);
    expect(median([7, 1, 4])).toBe(4);
    expect(median([])).toBeNull();
  });

  it('places month boundaries in UTC', () => {
    expect(monthKey(at('2025-12-31T23:59:59.999Z'))).toBe('2025-12');
    expect(monthKey(at('2026-01-01T00:00:00.000Z'))).toBe('2026-01');
  });

  it('wraps the 12 months across a year and counts the first day of a month as one day', () => {
    const now = at('2026-01-01T00:00:00.000Z');
    const health = healthFromPosts({
      communityId: COMMUNITY,
      now,
      posts: [post('x', 'a', 'post', '2026-01-01T00:00:00.000Z')],
      members: [],
      people: [],
    });
    expect(health.months.map((m) => m.month)).toEqual([
      '2025-02',
      '2025-03',
      '2025-04',
      '2025-05',
      '2025-06',
      '2025-07',
      '2025-08',
      '2025-09',
      '2025-10',
      '2025-11',
      '2025-12',
      '2026-01',
    ]);
    expect(health.months.at(-1)?.postsPerWeek).toBe(7); // 1 post / 1 day × 7
  });

  it('has no answer figures when nothing was asked', () => {
    const health = healthFromPosts({ communityId: COMMUNITY, now: NOW, posts: [], members, people });
    expect(health.answeredShare90d).toBeNull();
    expect(health.medianHoursToFirstAnswer90d).toBeNull();
    expect(health.activeMembers28d).toBe(0);
    expect(health.reach).toEqual({ departments: 0, sites: 0, topDepartments: [] });
  });

  it('keeps the top 5 departments', () => {
    const many = ['A', 'B', 'C', 'D', 'E', 'F'].map((dep, i) => ({
      id: `m${i}`,
      department: dep,
      location: 'X',
    }));
    const health = healthFromPosts({
      communityId: COMMUNITY,
      now: NOW,
      posts: many.map((p) => post(`p-${p.id}`, p.id, 'post', '2026-03-14T00:00:00.000Z')),
      members: many.map((p) => ({ personId: p.id, status: 'active', joinedAt: 0 })),
      people: many,
    });
    expect(health.reach.departments).toBe(6);
    expect(health.reach.topDepartments.map((d) => d.name)).toEqual(['A', 'B', 'C', 'D', 'E']);
  });
});

describe('computeCommunityHealth (from the cache)', () => {
  let db: Kysely<LocalDb>;
  let dir: Awaited<ReturnType<typeof makeTempDir>>;
  beforeAll(async () => {
    dir = await makeTempDir();
    db = await openLocalDb(dir.path);
    await upsertPeople(
      db,
      people.map((p) => ({ person: makePerson({ ...p, name: `Person ${p.id}` }), seq: 1 })),
      { fresh: true },
    );
    await db
      .insertInto('memberships')
      .values(
        members.map((m) => ({
          community_id: COMMUNITY,
          person_id: m.personId,
          role: 'member',
          status: m.status,
          since: m.joinedAt ?? NOW - HOUR,
          joined_at: m.joinedAt,
          seq: 1,
        })),
      )
      .execute();
    const row = (p: HealthPost, communityId: string) => ({
      id: `${communityId}-${p.id}`,
      community_id: communityId,
      author_id: p.authorId,
      kind: p.kind,
      parent_id: p.parentId === null ? null : `${communityId}-${p.parentId}`,
      title: null,
      body: 'text',
      event_starts_at: null,
      event_place: null,
      accepted_answer_id: null,
      created_at: p.createdAt,
      edited_at: null,
      seq: 1,
    });
    // The same posts in another community must not leak into this one's figures.
    await db
      .insertInto('posts')
      .values([...posts.map((p) => row(p, COMMUNITY)), ...posts.map((p) => row(p, 'c-other'))])
      .execute();
  });
  afterAll(async () => {
    await db.destroy();
    await dir.remove();
  });

  it('agrees with the hand-computed figures', async () => {
    expectHealth(await computeCommunityHealth(db, COMMUNITY, NOW), expected);
  });

  it('gives a community without posts or members zeros and nulls', async () => {
    const health = await computeCommunityHealth(db, 'c-empty', NOW);
    expect(health.members).toBe(0);
    expect(health.postsPerWeek28d).toBe(0);
    expect(health.answeredShare90d).toBeNull();
    expect(health.months).toHaveLength(12);
    expect(health.months.every((m) => m.posts === 0 && m.members === 0)).toBe(true);
  });
});
