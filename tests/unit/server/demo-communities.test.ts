import { describe, expect, it } from 'vitest';
import {
  COMMUNITY_KINDS,
  COMMUNITY_VISIBILITIES,
  Community,
  CommunityPref,
  Membership,
  Post,
} from '#shared/domain/community';
import { refusePostShape } from '#shared/domain/community-rules';
import {
  generateCommunities,
  MAX_DEMO_POSTS,
  type DemoCommunities,
  type DemoCommunityRow,
  type DemoMembershipRow,
  type DemoPostRow,
} from '#server/demo/generate-communities';
import { generateOrg, type DemoOrg } from '#server/demo/generate-org';
import { CHANGE_NETWORKS } from '#server/demo/community-catalogue';
import { CIRCLES, CLUBS } from '#server/demo/group-catalogue';
import { PRACTICES } from '#server/demo/practice-catalogue';

const NOW = Date.UTC(2025, 5, 16, 12);
const DAY = 86_400_000;

const small = generateOrg({ size: 'S', seed: 3 });
const smallData = generateCommunities(small, { seed: 3, now: NOW });
const medium = generateOrg({ size: 'M', seed: 5 });
const mediumData = generateCommunities(medium, { seed: 5, now: NOW });
const cases = [
  ['S', small, smallData],
  ['M', medium, mediumData],
] as const;

const toCommunity = (r: DemoCommunityRow): Community => ({
  id: r.id,
  name: r.name,
  kind: r.kind as Community['kind'],
  purpose: r.purpose,
  objectives: JSON.parse(r.objectives) as string[],
  visibility: r.visibility as Community['visibility'],
  createdBy: r.created_by,
  createdAt: r.created_at,
  archived: r.archived === 1,
  managedByDirectory: false,
  updatedAt: r.updated_at,
});

const toMembership = (r: DemoMembershipRow): Membership => ({
  communityId: r.community_id,
  personId: r.person_id,
  role: r.role as Membership['role'],
  status: r.status as Membership['status'],
  since: r.since,
  joinedAt: r.joined_at,
});

const toPost = (r: DemoPostRow): Post => ({
  id: r.id,
  communityId: r.community_id,
  authorId: r.author_id,
  kind: r.kind as Post['kind'],
  parentId: r.parent_id,
  title: r.title,
  body: r.body,
  event: r.event_starts_at === null ? null : { startsAt: r.event_starts_at, place: r.event_place ?? '' },
  acceptedAnswerId: r.accepted_answer_id,
  createdAt: r.created_at,
  editedAt: r.edited_at,
});

function activeMembers(data: DemoCommunities) {
  const members = new Map<string, DemoMembershipRow>();
  for (const m of data.memberships)
    if (m.status === 'active') members.set(`${m.community_id}/${m.person_id}`, m);
  return members;
}

const postsIn = (data: DemoCommunities, communityId: string, since = 0) =>
  data.posts.filter((p) => p.community_id === communityId && p.created_at > since);

const demoUser = (org: DemoOrg) => org.people.find((p) => p.id === org.demoUserId)!;

describe('generateCommunities', () => {
  it('gives identical rows for the same org, seed and now, and different ones for another seed', () => {
    expect(generateCommunities(small, { seed: 3, now: NOW })).toEqual(smallData);
    const other = generateCommunities(small, { seed: 4, now: NOW });
    expect(other.posts.map((p) => p.id)).not.toEqual(smallData.posts.map((p) => p.id));
  });

  it.each(cases)('scales the number of communities with the org (%s)', (size, _org, data) => {
    expect(data.communities).toHaveLength(size === 'S' ? 12 : 30);
  });

  it.each(cases)('has every kind and every visibility (%s)', (_size, _org, data) => {
    expect(new Set(data.communities.map((c) => c.kind))).toEqual(new Set(COMMUNITY_KINDS));
    expect(new Set(data.communities.map((c) => c.visibility))).toEqual(new Set(COMMUNITY_VISIBILITIES));
  });

  it.each(cases)('produces rows the wire schemas and the post rules accept (%s)', (_size, _org, data) => {
    for (const row of data.communities) expect(Community.parse(toCommunity(row))).toEqual(toCommunity(row));
    for (const row of data.memberships)
      expect(Membership.parse(toMembership(row))).toEqual(toMembership(row));
    const byId = new Map(data.posts.map((p) => [p.id, p]));
    for (const row of data.posts) {
      const post = Post.parse(toPost(row));
      const parent = row.parent_id === null ? null : toPost(byId.get(row.parent_id)!);
      expect(refusePostShape(post.kind, post, parent, post.communityId)).toBeNull();
      expect(row.deleted).toBe(0);
    }
    for (const row of data.prefs) {
      const pref = {
        communityId: row.community_id,
        followed: row.followed === 1,
        muted: row.muted === 1,
        lastReadAt: row.last_read_at,
        updatedAt: row.updated_at,
      };
      expect(CommunityPref.parse(pref)).toEqual(pref);
    }
  });

  it.each(cases)('uses unique ids and one membership per person and community (%s)', (_size, org, data) => {
    const ids = [...data.communities.map((c) => c.id), ...data.posts.map((p) => p.id)];
    expect(new Set(ids).size).toBe(ids.length);
    const keys = data.memberships.map((m) => `${m.community_id}/${m.person_id}`);
    expect(new Set(keys).size).toBe(keys.length);
    const prefKeys = data.prefs.map((p) => `${p.owner_id}/${p.community_id}`);
    expect(new Set(prefKeys).size).toBe(prefKeys.length);
    const people = new Set(org.people.filter((p) => p.active).map((p) => p.id));
    for (const m of data.memberships) expect(people.has(m.person_id)).toBe(true);
  });

  it.each(cases)(
    'answers only questions of the same community, after they were asked (%s)',
    (_size, _org, data) => {
      const byId = new Map(data.posts.map((p) => [p.id, p]));
      const answers = data.posts.filter((p) => p.kind === 'answer');
      expect(answers.length).toBeGreaterThan(0);
      for (const answer of answers) {
        const question = byId.get(answer.parent_id!)!;
        expect(question).toMatchObject({ kind: 'question', community_id: answer.community_id });
        expect(answer.created_at).toBeGreaterThan(question.created_at);
        expect(answer.author_id).not.toBe(question.author_id);
      }
      for (const post of data.posts) {
        if (post.accepted_answer_id === null) continue;
        expect(post.kind).toBe('question');
        expect(byId.get(post.accepted_answer_id)?.parent_id).toBe(post.id);
      }
      const questions = data.posts.filter((p) => p.kind === 'question');
      const answered = new Set(answers.map((a) => a.parent_id));
      expect(questions.some((q) => !answered.has(q.id))).toBe(true);
      expect(questions.some((q) => q.accepted_answer_id !== null)).toBe(true);
    },
  );

  it.each(cases)(
    'has posts written by members who had joined, announcements by leaders (%s)',
    (_size, _org, data) => {
      const members = activeMembers(data);
      for (const post of data.posts) {
        const m = members.get(`${post.community_id}/${post.author_id}`);
        expect(m, `${post.kind} ${post.id}`).toBeDefined();
        expect(m!.joined_at!).toBeLessThanOrEqual(post.created_at);
        if (post.kind === 'announcement') expect(m!.role).toBe('leader');
      }
    },
  );

  it.each(cases)(
    'keeps every time in the past, events after their post, posts oldest first (%s)',
    (_size, _org, data) => {
      for (const c of data.communities) expect(c.updated_at).toBeGreaterThanOrEqual(c.created_at);
      const created = new Map(data.communities.map((c) => [c.id, c.created_at]));
      for (const p of data.posts) {
        expect(p.created_at).toBeLessThanOrEqual(NOW);
        expect(p.created_at).toBeGreaterThan(created.get(p.community_id)!);
        if (p.edited_at !== null) expect(p.edited_at).toBeGreaterThan(p.created_at);
        if (p.event_starts_at !== null) expect(p.event_starts_at).toBeGreaterThan(p.created_at);
      }
      for (let i = 1; i < data.posts.length; i++)
        expect(data.posts[i]!.created_at).toBeGreaterThanOrEqual(data.posts[i - 1]!.created_at);
      for (const m of data.memberships) {
        expect(m.since).toBeLessThanOrEqual(NOW);
        expect(m.since).toBeGreaterThanOrEqual(created.get(m.community_id)!);
      }
    },
  );

  it.each(cases)('gives each community 1–3 leaders, its creator among them (%s)', (_size, _org, data) => {
    for (const c of data.communities) {
      const leaders = data.memberships.filter(
        (m) => m.community_id === c.id && m.role === 'leader' && m.status === 'active',
      );
      expect(leaders.length).toBeGreaterThanOrEqual(1);
      expect(leaders.length).toBeLessThanOrEqual(3);
      expect(leaders.map((l) => l.person_id)).toContain(c.created_by);
      expect(leaders.find((l) => l.person_id === c.created_by)?.joined_at).toBe(c.created_at);
    }
  });

  it.each(cases)('has a few requests to join, only on request communities (%s)', (_size, _org, data) => {
    const requests = data.memberships.filter((m) => m.status === 'requested');
    expect(requests.length).toBeGreaterThan(0);
    const visibility = new Map(data.communities.map((c) => [c.id, c.visibility]));
    const members = activeMembers(data);
    for (const r of requests) {
      expect(visibility.get(r.community_id)).toBe('request');
      expect(r).toMatchObject({ role: 'member', joined_at: null });
      expect(members.has(`${r.community_id}/${r.person_id}`)).toBe(false);
    }
  });

  it.each(cases)(
    'has uneven activity: dormant, thriving, growing and brand new communities (%s)',
    (_size, _org, data) => {
      const live = data.communities.filter((c) => !c.archived);
      const dormant = live.filter(
        (c) => postsIn(data, c.id).length > 5 && postsIn(data, c.id, NOW - 90 * DAY).length === 0,
      );
      expect(dormant.length).toBeGreaterThanOrEqual(1);
      const busiest = Math.max(...live.map((c) => postsIn(data, c.id, NOW - 28 * DAY).length));
      expect(busiest).toBeGreaterThanOrEqual(20);
      expect(data.communities.filter((c) => c.created_at > NOW - 30 * DAY)).toHaveLength(1);
      // A growing one: more people joined in the last six months than in the six before.
      const growing = data.communities.filter((c) => {
        const joins = data.memberships.filter((m) => m.community_id === c.id && m.joined_at !== null);
        const recent = joins.filter((m) => m.joined_at! > NOW - 182 * DAY).length;
        const before = joins.filter(
          (m) => m.joined_at! <= NOW - 182 * DAY && m.joined_at! > NOW - 364 * DAY,
        ).length;
        return recent > before * 1.5 && recent >= 5;
      });
      expect(growing.length).toBeGreaterThanOrEqual(1);
    },
  );

  it.each(cases)(
    'answers quickly in some communities and leaves some questions waiting (%s)',
    (_size, _org, data) => {
      const firstAnswer = new Map<string, number>();
      for (const p of data.posts)
        if (p.kind === 'answer' && !firstAnswer.has(p.parent_id!))
          firstAnswer.set(p.parent_id!, p.created_at);
      const waits = data.posts
        .filter((p) => p.kind === 'question' && firstAnswer.has(p.id))
        .map((q) => firstAnswer.get(q.id)! - q.created_at);
      expect(waits.some((w) => w < 3_600_000)).toBe(true);
      expect(waits.some((w) => w > DAY)).toBe(true);
    },
  );

  it.each(cases)('draws members by skills and site (%s)', (_size, org, data) => {
    const people = new Map(org.people.map((p) => [p.id, p]));
    const membersOf = (name: string) => {
      const c = data.communities.find((x) => x.name === name)!;
      return data.memberships
        .filter((m) => m.community_id === c.id && m.status === 'active')
        .map((m) => people.get(m.person_id)!);
    };
    const runners = membersOf(`${demoUser(org).location} Runners`);
    expect(runners.every((p) => p.location === demoUser(org).location)).toBe(true);
    const kubernetes = PRACTICES.find((t) => t.name === 'Kubernetes & Cloud Native')!;
    const k8s = membersOf(kubernetes.name);
    const skilled = k8s.filter((p) => p.skills.some((s) => kubernetes.skills!.includes(s)));
    expect(skilled.length / k8s.length).toBeGreaterThan(0.8);
    expect(new Set(k8s.map((p) => p.location)).size).toBeGreaterThan(1);
  });

  it.each(cases)(
    'makes the demo user lead one community, belong to a few and follow them with unread items (%s)',
    (_size, org, data) => {
      const demo = demoUser(org);
      const mine = data.memberships.filter((m) => m.person_id === demo.id);
      expect(mine.filter((m) => m.role === 'leader')).toHaveLength(1);
      expect(mine.filter((m) => m.role === 'member' && m.status === 'active').length).toBeGreaterThanOrEqual(
        3,
      );
      const led = data.communities.find((c) => c.created_by === demo.id)!;
      expect(led.visibility).toBe('request');
      expect(data.memberships.some((m) => m.community_id === led.id && m.status === 'requested')).toBe(true);
      const prefs = data.prefs.filter((p) => p.owner_id === demo.id);
      expect(new Set(prefs.map((p) => p.community_id))).toEqual(new Set(mine.map((m) => m.community_id)));
      for (const pref of prefs) {
        expect(pref.followed).toBe(1);
        expect(postsIn(data, pref.community_id, pref.last_read_at).length).toBeGreaterThan(0);
      }
    },
  );

  it.each(cases)(
    'leaves the demo user out of a community that fits their skills (%s)',
    (_size, org, data) => {
      const demo = demoUser(org);
      const mine = new Set(
        data.memberships.filter((m) => m.person_id === demo.id).map((m) => m.community_id),
      );
      const mentions = (c: DemoCommunityRow) =>
        demo.skills.some((s) => `${c.name} ${c.purpose}`.toLowerCase().includes(s.toLowerCase()));
      const fitting = data.communities.filter((c) => !c.archived && mentions(c) && !mine.has(c.id));
      expect(fitting.length).toBeGreaterThanOrEqual(1);
      expect(
        fitting.some((c) => c.visibility !== 'private' && postsIn(data, c.id, NOW - 28 * DAY).length > 0),
      ).toBe(true);
    },
  );

  it('keeps the largest org to about 60 communities and under the post cap', () => {
    const large = generateOrg({ size: 'L' });
    const data = generateCommunities(large, { now: NOW });
    expect(data.communities).toHaveLength(60);
    expect(data.posts.length).toBeLessThanOrEqual(MAX_DEMO_POSTS);
    expect(data.posts.length).toBeGreaterThan(10_000);
    expect(new Set(data.communities.map((c) => c.kind))).toEqual(new Set(COMMUNITY_KINDS));
  });

  it('respects a smaller post cap', () => {
    const data = generateCommunities(medium, { seed: 5, now: NOW, maxPosts: 500 });
    expect(data.posts.length).toBeLessThanOrEqual(500);
    expect(data.posts.length).toBeGreaterThan(300);
  });

  it.each([1, 37])('still works for a tiny org of %i people', (size) => {
    const org = generateOrg({ size });
    const data = generateCommunities(org, { now: NOW });
    expect(data.communities.length).toBeGreaterThanOrEqual(5);
    for (const row of data.communities) Community.parse(toCommunity(row));
    for (const row of data.posts) Post.parse(toPost(row));
  });
});

describe('community catalogue', () => {
  it('names every drawing skill in the purpose, so suggestions by skill can explain themselves', () => {
    for (const t of [...PRACTICES, ...CHANGE_NETWORKS, ...CIRCLES, ...CLUBS])
      for (const skill of t.skills ?? []) expect(t.purpose, t.name).toContain(skill);
  });

  it('has unique names', () => {
    const names = [...PRACTICES, ...CHANGE_NETWORKS, ...CIRCLES, ...CLUBS].map((t) => t.name);
    expect(new Set(names).size).toBe(names.length);
  });
});
