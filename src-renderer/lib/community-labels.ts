import type {
  Community,
  CommunityKind,
  CommunityRole,
  CommunityVisibility,
  MyMembership,
  PostKind,
} from '#shared/domain/community';
import { POST_KINDS } from '#shared/domain/community';

/** How each kind of community reads in the UI, and the colour of its badge. */
export const COMMUNITY_KIND_LABELS: Record<CommunityKind, string> = {
  community_of_practice: 'Community of practice',
  microcommunity: 'Microcommunity',
  interest_group: 'Interest group',
  change_network: 'Change network',
  team: 'Team',
};

export const COMMUNITY_KIND_COLORS: Record<CommunityKind, string> = {
  community_of_practice: 'indigo',
  microcommunity: 'teal',
  interest_group: 'grape',
  change_network: 'orange',
  team: 'cyan',
};

export const VISIBILITY_LABELS: Record<CommunityVisibility, string> = {
  open: 'Open',
  request: 'Join on request',
  private: 'Private',
};

export const VISIBILITY_HINTS: Record<CommunityVisibility, string> = {
  open: 'Anyone can join and read',
  request: 'Everyone can read; a leader approves who joins',
  private: 'Only members see it; leaders add people',
};

export const ROLE_LABELS: Record<CommunityRole, string> = {
  leader: 'Leader',
  moderator: 'Moderator',
  member: 'Member',
};

export const POST_KIND_COLORS: Record<PostKind, string> = {
  post: 'gray',
  question: 'blue',
  answer: 'teal',
  event: 'violet',
  announcement: 'red',
  best_practice: 'green',
  job_opening: 'yellow',
};

/** The kinds a feed filters by and a composer offers (answers live under their question). */
export type FeedKind = Exclude<PostKind, 'answer'>;
export const FEED_KINDS: readonly FeedKind[] = POST_KINDS.filter(
  (kind): kind is FeedKind => kind !== 'answer',
);

/** What the composer offers: announcements to leaders only, as the server decides. */
export function composableKinds(role: CommunityRole | null): FeedKind[] {
  return FEED_KINDS.filter((kind) => kind !== 'announcement' || role === 'leader');
}

/** The viewer's standing, in words: "Leader", "Member", "Request pending", or null for none. */
export function describeMembership(me: MyMembership): string | null {
  if (me.status === 'requested') return 'Request pending';
  if (me.status === 'active' && me.role) return ROLE_LABELS[me.role];
  return null;
}

/** An active member in at least this role. */
export function isActive(me: MyMembership, role: CommunityRole = 'member'): boolean {
  const rank: Record<CommunityRole, number> = { leader: 3, moderator: 2, member: 1 };
  return me.status === 'active' && me.role !== null && rank[me.role] >= rank[role];
}

/** Why a team offers no join, leave or member management: the company's directory decides who is in it. */
export const MANAGED_HINT =
  'Your company’s directory decides who is in this team. Ask your IT administrator to change it.';

/**
 * What the viewer is offered to change about a community. A team the directory manages offers none of it
 * (the core would refuse each with MANAGED); following and posting stay, as on any team.
 */
export function communityControls(community: Pick<Community, 'managedByDirectory'>, me: MyMembership) {
  const managed = community.managedByDirectory;
  return {
    /** Join, request to join, withdraw a request, leave. */
    membership: !managed,
    /** Edit purpose and settings, archive. */
    leaderTools: !managed && isActive(me, 'leader'),
    /** Approve or decline requests to join. */
    decideRequests: !managed && isActive(me, 'leader'),
    /** Change roles, remove members (a moderator: plain members). */
    manageMembers: !managed && isActive(me, 'moderator'),
  };
}

/** "Tue 12 Mar, 14:00" in the reader's locale and timezone. */
export function formatEventTime(startsAt: number): string {
  return new Date(startsAt).toLocaleString(undefined, {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    hour: '2-digit',
    minute: '2-digit',
  });
}
