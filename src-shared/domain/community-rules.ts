import type { Community, CommunityRole, Membership, Post, PostFields, PostKind } from './community.ts';

/**
 * Who may do what in a community: pure decisions, shared by the server (which enforces them on every pushed
 * mutation) and the core (which refuses a write up front with the same words, so nothing is queued that the
 * server would refuse). Each returns the reason of a refusal, or null when the action is allowed.
 */

type CommunityState = Pick<Community, 'visibility' | 'archived' | 'managedByDirectory'>;
type MemberState = Pick<Membership, 'role' | 'status'> | null;

const RANK: Record<CommunityRole, number> = { leader: 3, moderator: 2, member: 1 };

/** The actor's active role is at least `role`. */
export const hasRole = (m: MemberState, role: CommunityRole) =>
  !!m && m.status === 'active' && RANK[m.role] >= RANK[role];

export const NOT_FOUND = 'This community does not exist or is not visible to you';
export const ARCHIVED = 'This community is archived';
export const LEADERS_ONLY = 'Only a leader of this community can do that';
export const MEMBERS_ONLY = 'Only members of this community can post in it';
/** A team whose membership the company's directory manages: Kith changes neither it nor its members. */
export const MANAGED =
  'Your company’s directory manages this team and its members: ask your IT administrator to change it';
export const LAST_LEADER = 'A community needs at least one leader: appoint another leader first';

/** Seen by the viewer: private communities by their members (and those who asked or were added) only. */
export const canSee = (c: CommunityState, m: MemberState) => c.visibility !== 'private' || !!m;

export function refuseUpdate(c: CommunityState | null, actor: MemberState): string | null {
  if (!c || !canSee(c, actor)) return NOT_FOUND;
  if (c.managedByDirectory) return MANAGED;
  return hasRole(actor, 'leader') ? null : LEADERS_ONLY;
}

/** What a join does: become a member at once, or ask a leader. */
export const joinOutcome = (c: CommunityState): 'active' | 'requested' =>
  c.visibility === 'open' ? 'active' : 'requested';

export function refuseJoin(c: CommunityState | null, actor: MemberState): string | null {
  if (!c || !canSee(c, actor)) return NOT_FOUND;
  if (c.managedByDirectory) return MANAGED;
  if (c.archived) return ARCHIVED;
  if (actor?.status === 'active') return 'You are already a member';
  if (actor?.status === 'requested') return 'Your request to join is waiting for a leader';
  if (c.visibility === 'private') return 'This community is private: a leader adds its members';
  return null;
}

export function refuseLeave(c: CommunityState | null, actor: MemberState, activeLeaders: number) {
  if (!c || !actor) return 'You are not a member of this community';
  if (c.managedByDirectory) return MANAGED;
  if (hasRole(actor, 'leader') && activeLeaders <= 1) return LAST_LEADER;
  return null;
}

/** A leader approves or declines a request to join. */
export function refuseDecide(c: CommunityState | null, actor: MemberState, target: MemberState) {
  if (!c || !canSee(c, actor)) return NOT_FOUND;
  if (c.managedByDirectory) return MANAGED;
  if (!hasRole(actor, 'leader')) return 'Only a leader can approve or decline requests to join';
  if (c.archived) return ARCHIVED;
  if (target?.status !== 'requested') return 'There is no request to join from this person';
  return null;
}

/** A leader adds someone (active at once, in any role), or changes an active member's role. */
export function refuseSetRole(
  c: CommunityState | null,
  actor: MemberState,
  target: MemberState,
  role: CommunityRole,
  activeLeaders: number,
) {
  if (!c || !canSee(c, actor)) return NOT_FOUND;
  if (c.managedByDirectory) return MANAGED;
  if (!hasRole(actor, 'leader')) return 'Only a leader can add members or change roles';
  if (c.archived) return ARCHIVED;
  if (hasRole(target, 'leader') && role !== 'leader' && activeLeaders <= 1) return LAST_LEADER;
  return null;
}

/** A leader removes a member; a moderator removes a plain member. */
export function refuseRemove(
  c: CommunityState | null,
  actor: MemberState,
  target: MemberState,
  activeLeaders: number,
) {
  if (!c || !canSee(c, actor)) return NOT_FOUND;
  if (c.managedByDirectory) return MANAGED;
  if (!target) return 'This person is not a member';
  // A request is a leader's to decide, so a moderator removes active members only.
  const allowed =
    hasRole(actor, 'leader') ||
    (hasRole(actor, 'moderator') && target.role === 'member' && target.status === 'active');
  if (!allowed) return 'Only a leader (or a moderator, for members) can remove someone';
  if (c.archived) return ARCHIVED;
  if (hasRole(target, 'leader') && activeLeaders <= 1) return LAST_LEADER;
  return null;
}

/** Post kinds that need a title. */
export const TITLED_POST_KINDS: ReadonlySet<PostKind> = new Set(['question', 'event', 'job_opening']);

/** The refusal of a titled kind without a title: "A question needs a title". */
export const titleRequired = (kind: PostKind) =>
  `A ${kind === 'job_opening' ? 'job opening' : kind} needs a title`;

/** The shape a post of a kind must have. */
export function refusePostShape(
  kind: PostKind,
  fields: PostFields,
  parent: Pick<Post, 'kind' | 'communityId'> | null,
  communityId: string,
) {
  if (fields.body.trim() === '' && kind !== 'event') return 'A post needs some text';
  if (TITLED_POST_KINDS.has(kind) && !fields.title) return titleRequired(kind);
  if (kind === 'answer' && fields.title) return 'An answer has no title';
  if (kind === 'event' && !fields.event) return 'An event needs a start time and a place';
  if (kind !== 'event' && fields.event) return 'Only events have a start time and place';
  if (kind === 'answer') {
    if (!parent || parent.communityId !== communityId) return 'This answer’s question does not exist';
    if (parent.kind !== 'question') return 'Only questions can be answered';
  } else if (parent) return 'Only answers have a parent post';
  return null;
}

export function refuseCreatePost(c: CommunityState | null, actor: MemberState, kind: PostKind) {
  if (!c || !canSee(c, actor)) return NOT_FOUND;
  if (c.archived) return ARCHIVED;
  if (!hasRole(actor, 'member')) return MEMBERS_ONLY;
  if (kind === 'announcement' && !hasRole(actor, 'leader')) return 'Only leaders can post announcements';
  return null;
}

/** Edit or delete: the author (still a member) or a moderator. */
export function refuseEditPost(
  c: CommunityState | null,
  actor: MemberState,
  post: Pick<Post, 'authorId'> | null,
  actorId: string,
) {
  if (!c || !canSee(c, actor) || !post) return 'This post does not exist or is not visible to you';
  if (c.archived) return ARCHIVED;
  if (hasRole(actor, 'moderator')) return null;
  if (post.authorId === actorId && hasRole(actor, 'member')) return null;
  return 'Only its author or a moderator can change this post';
}

/** Accept (or un-accept) an answer: the question's author or a moderator. */
export function refuseAccept(
  c: CommunityState | null,
  actor: MemberState,
  question: Pick<Post, 'authorId' | 'kind'> | null,
  answer: Pick<Post, 'parentId'> | null,
  questionId: string,
  actorId: string,
) {
  if (!c || !canSee(c, actor) || !question) return 'This question does not exist or is not visible to you';
  if (question.kind !== 'question') return 'Only a question has an accepted answer';
  if (answer && answer.parentId !== questionId) return 'That answer belongs to another question';
  if (c.archived) return ARCHIVED;
  if (hasRole(actor, 'moderator') || (question.authorId === actorId && hasRole(actor, 'member'))) return null;
  return 'Only the person who asked (or a moderator) can accept an answer';
}
