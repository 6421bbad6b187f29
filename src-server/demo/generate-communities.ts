import { chooseCommunities } from './choose-communities.ts';
import type {
  CommunityPlan,
  DemoCommunityPrefRow,
  DemoCommunityRow,
  DemoMembershipRow,
  DemoPostRow,
} from './community-plan.ts';
import { generatePosts, weeklyMeans } from './generate-activity.ts';
import { DEFAULT_DEMO_SEED, type DemoOrg } from './generate-org.ts';
import { planCommunities } from './plan-communities.ts';
import { createRng, type Rng } from './prng.ts';
import { DAY, MINUTE } from './sampling.ts';

export type {
  DemoCommunityPrefRow,
  DemoCommunityRow,
  DemoMembershipRow,
  DemoPostRow,
} from './community-plan.ts';

/** The communities of a demo org with their members, join requests, posts and the follows of some people. */
export interface DemoCommunities {
  communities: DemoCommunityRow[];
  /** Active members first, then requests to join. */
  memberships: DemoMembershipRow[];
  /** Oldest first, so seqs follow time and an answer comes after its question. */
  posts: DemoPostRow[];
  prefs: DemoCommunityPrefRow[];
}

export interface DemoCommunityOptions {
  seed?: number;
  /** The end of the generated history (ms); injectable so tests see fixed data. */
  now: number;
  /** At most this many posts (answers included): the largest org stays quick to seed. */
  maxPosts?: number;
}

export const MAX_DEMO_POSTS = 40_000;

/** Top-level posts bring answers with them: this bounds posts per top-level post when sizing. */
const POSTS_PER_TOP_LEVEL = 1.6;

/**
 * Months of community life for a generated org, pure and deterministic: the same org, seed and `now` give
 * the same rows. Leaders' and the demo user's follows come with it, the demo user's with unread items.
 */
export function generateCommunities(org: DemoOrg, options: DemoCommunityOptions): DemoCommunities {
  const { seed = DEFAULT_DEMO_SEED, now, maxPosts = MAX_DEMO_POSTS } = options;
  // Its own stream, so that adding communities never changes the people of an org.
  const rng = createRng((seed ^ 0x6b697468) >>> 0);
  const people = org.people.filter((p) => p.active);
  const demo = org.people.find((p) => p.id === org.demoUserId);
  if (!demo) throw new Error(`The demo user ${org.demoUserId} is not in the org`);

  const choices = chooseCommunities(rng, people, demo);
  const { plans, requests } = planCommunities({ rng, now, people, demo }, choices);

  const expected = plans.reduce(
    (sum, plan) => sum + weeklyMeans(plan, now).reduce((s, w) => s + w.mean, 0) * POSTS_PER_TOP_LEVEL,
    0,
  );
  const ctx = {
    rng,
    now,
    peopleById: new Map(org.people.map((p) => [p.id, p])),
    scale: Math.min(1, (0.8 * maxPosts) / Math.max(1, expected)),
  };
  const postsByCommunity = new Map<string, DemoPostRow[]>();
  let total = 0;
  for (const plan of plans) {
    // A question's answers come with it: leave room for them under the cap.
    const posts = generatePosts(ctx, plan, Math.max(1, maxPosts - total - 20));
    postsByCommunity.set(plan.row.id, posts);
    total += posts.length;
  }

  const memberships = plans.flatMap((plan) =>
    plan.members.map((m): DemoMembershipRow => ({
      community_id: plan.row.id,
      person_id: m.personId,
      role: m.role,
      status: 'active',
      since: m.joinedAt,
      joined_at: m.joinedAt,
      deleted: 0,
    })),
  );
  const prefs = [
    ...demoPrefs(rng, now, demo.id, plans, postsByCommunity),
    ...leaderPrefs(rng, now, demo.id, plans),
  ];
  return {
    communities: plans.map((p) => p.row),
    memberships: [...memberships, ...requests],
    posts: [...postsByCommunity.values()].flat().sort((a, b) => a.created_at - b.created_at),
    prefs,
  };
}

/**
 * The demo user follows every community they are in, one of them muted, and has read all but the last
 * few items of each, so Home has unread activity to show.
 */
function demoPrefs(
  rng: Rng,
  now: number,
  demoId: string,
  plans: readonly CommunityPlan[],
  postsByCommunity: ReadonlyMap<string, readonly DemoPostRow[]>,
): DemoCommunityPrefRow[] {
  return plans
    .filter((plan) => plan.members.some((m) => m.personId === demoId))
    .map((plan) => {
      const posts = postsByCommunity.get(plan.row.id) ?? [];
      const times = posts.map((p) => p.created_at).sort((a, b) => b - a);
      const unread = rng.int(2, 6);
      const lastReadAt = times.length > unread ? (times[unread] as number) : 0;
      return {
        owner_id: demoId,
        community_id: plan.row.id,
        followed: 1,
        // A busy network they follow for the big news, without a notification for each post.
        muted: plan.row.kind === 'change_network' ? 1 : 0,
        last_read_at: lastReadAt,
        updated_at: Math.min(now, Math.max(lastReadAt, plan.row.created_at) + rng.int(1, 30) * MINUTE),
      };
    });
}

/** Leaders follow what they lead and have read it lately (dormant ones: not since it went quiet). */
function leaderPrefs(rng: Rng, now: number, demoId: string, plans: readonly CommunityPlan[]) {
  return plans.flatMap((plan) =>
    plan.members
      .filter((m) => m.role === 'leader' && m.personId !== demoId)
      .map((m): DemoCommunityPrefRow => {
        const readAt = Math.min(now, plan.quietFrom) - rng.int(0, 5 * 24 * 60) * MINUTE;
        const lastReadAt = Math.max(m.joinedAt, readAt);
        return {
          owner_id: m.personId,
          community_id: plan.row.id,
          followed: 1,
          muted: 0,
          last_read_at: lastReadAt,
          updated_at: Math.min(now, lastReadAt + rng.int(0, DAY / MINUTE) * MINUTE),
        };
      }),
  );
}
