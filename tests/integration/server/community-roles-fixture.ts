import type { Kysely } from 'kysely';
import { expect } from 'vitest';
import type { CommunityVisibility } from '#shared/domain/community';
import type { ServerDb } from '#server/db/schema';
import { findCurrentSeq } from '#server/server';
import { createPost, newId, propose, type MutationInput } from '../../support/communities.ts';
import { type Pusher } from './community-fixture.ts';

/** The roles of the permission matrix, each played by one person. */
export const ROLES = ['leader', 'moderator', 'member', 'member2', 'requester', 'outsider'] as const;
export type Role = (typeof ROLES)[number];
export const PERSON: Record<Role | 'colleague' | 'leader2', string> = {
  leader: 'p000001',
  moderator: 'p000002',
  member: 'p000003',
  member2: 'p000004',
  requester: 'p000005',
  outsider: 'p000006',
  colleague: 'p000007',
  leader2: 'p000008',
};

/** The ids of one freshly set-up community and its posts. */
export interface Ids {
  c: string;
  /** A post by the leader, a question and a post by the member, the moderator's answer to the question. */
  leaderPost: string;
  question: string;
  memberPost: string;
  answer: string;
  /** A question (by member2) and its answer (by member2), to accept across questions. */
  otherQuestion: string;
  otherAnswer: string;
}

export interface Setup {
  visibility?: CommunityVisibility;
  archived?: boolean;
  secondLeader?: boolean;
}

/**
 * A community with a leader, a moderator, two members and a pending request (asked while it was a 'request'
 * community; then it takes its final visibility), with posts by several of them.
 */
export async function setUp(
  as: Record<Role | 'leader2', Pusher>,
  { visibility = 'request', archived = false, secondLeader = false }: Setup,
): Promise<Ids> {
  const c = newId();
  const leaderPost = createPost(c, 'post');
  const question = createPost(c, 'question');
  const memberPost = createPost(c, 'best_practice');
  const otherQuestion = createPost(c, 'question');
  const ids = {
    c,
    leaderPost: id(leaderPost),
    question: id(question),
    memberPost: id(memberPost),
    answer: newId(),
    otherQuestion: id(otherQuestion),
    otherAnswer: newId(),
  };
  const setRole = (personId: string, role: 'leader' | 'moderator' | 'member'): MutationInput => ({
    type: 'membership.setRole',
    communityId: c,
    personId,
    role,
  });
  await expectApplied(
    as.leader.send(
      propose(c, { visibility: 'request' }),
      setRole(PERSON.moderator, 'moderator'),
      setRole(PERSON.member, 'member'),
      setRole(PERSON.member2, 'member'),
      ...(secondLeader ? [setRole(PERSON.leader2, 'leader')] : []),
      leaderPost,
    ),
  );
  await expectApplied(as.member.send(question, memberPost));
  await expectApplied(
    as.member2.send(
      otherQuestion,
      createPost(c, 'answer', { postId: ids.otherAnswer, parentId: ids.otherQuestion }),
    ),
  );
  await expectApplied(
    as.moderator.send(createPost(c, 'answer', { postId: ids.answer, parentId: ids.question })),
  );
  await expectApplied(as.requester.send({ type: 'membership.join', communityId: c }));
  const finish: MutationInput[] = [];
  if (visibility !== 'request')
    finish.push({ type: 'community.update', communityId: c, patch: { visibility } });
  if (archived) finish.push({ type: 'community.archive', communityId: c, archived: true });
  if (finish.length) await expectApplied(as.leader.send(...finish));
  return ids;
}

export const id = (m: MutationInput) => (m.type === 'post.create' ? m.postId : '');

export async function expectApplied(results: Promise<{ status: string; reason?: string }[]>) {
  for (const r of await results) expect(r, r.reason).toMatchObject({ status: 'applied' });
}

/** Everything the server holds about one community. */
export async function stateOf(db: Kysely<ServerDb>, c: string) {
  return {
    seq: await findCurrentSeq(db),
    community: await db.selectFrom('communities').selectAll().where('id', '=', c).executeTakeFirst(),
    memberships: await db
      .selectFrom('memberships')
      .selectAll()
      .where('community_id', '=', c)
      .orderBy('person_id')
      .execute(),
    posts: await db.selectFrom('posts').selectAll().where('community_id', '=', c).orderBy('id').execute(),
    prefs: await db
      .selectFrom('community_prefs')
      .selectAll()
      .where('community_id', '=', c)
      .orderBy('owner_id')
      .execute(),
  };
}
export type State = Awaited<ReturnType<typeof stateOf>>;

export const member = (s: State, who: keyof typeof PERSON) =>
  s.memberships.find((m) => m.person_id === PERSON[who]);
export const post = (s: State, postId: string) => s.posts.find((p) => p.id === postId);
export const count = (s: State, kind: string) => s.posts.filter((p) => p.kind === kind).length;

// ——— The actions of the matrix, on one set-up community ———

export const update = (ids: Ids): MutationInput => ({
  type: 'community.update',
  communityId: ids.c,
  patch: { name: 'Kubernetes Lyon & Grenoble', objectives: ['Meetups', 'A runbook'] },
});
export const archive = (ids: Ids): MutationInput => ({
  type: 'community.archive',
  communityId: ids.c,
  archived: true,
});
export const join = (ids: Ids): MutationInput => ({ type: 'membership.join', communityId: ids.c });
export const leave = (ids: Ids): MutationInput => ({ type: 'membership.leave', communityId: ids.c });
export const decide =
  (who: keyof typeof PERSON, approve: boolean) =>
  (ids: Ids): MutationInput => ({
    type: 'membership.decide',
    communityId: ids.c,
    personId: PERSON[who],
    approve,
  });
export const setRole =
  (who: keyof typeof PERSON | string, role: 'leader' | 'moderator' | 'member') =>
  (ids: Ids): MutationInput => ({
    type: 'membership.setRole',
    communityId: ids.c,
    personId: who in PERSON ? PERSON[who as keyof typeof PERSON] : who,
    role,
  });
export const removeMember =
  (who: keyof typeof PERSON) =>
  (ids: Ids): MutationInput => ({
    type: 'membership.remove',
    communityId: ids.c,
    personId: PERSON[who],
  });
export const editPost =
  (which: keyof Ids) =>
  (ids: Ids): MutationInput => ({
    type: 'post.update',
    postId: ids[which],
    patch: { body: 'Edited text' },
  });
export const deletePost =
  (which: keyof Ids) =>
  (ids: Ids): MutationInput => ({ type: 'post.delete', postId: ids[which] });
export const accept =
  (answer: keyof Ids | null, question: keyof Ids = 'question') =>
  (ids: Ids): MutationInput => ({
    type: 'post.accept',
    questionId: ids[question],
    answerId: answer === null ? null : ids[answer],
  });
