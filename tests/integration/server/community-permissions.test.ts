import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARCHIVED, LAST_LEADER, LEADERS_ONLY, MEMBERS_ONLY, NOT_FOUND } from '#shared/domain/community-rules';
import { upsertPeople } from '#server/server';
import { COMMUNITY_EXISTS } from '#server/sync/community-mutations';
import { ANSWER_NOT_FOUND, POST_EXISTS } from '#server/sync/post-mutations';
import { makePerson, range, startTestServer, type ServerFixture } from './server-fixture.ts';
import { createPost, newId, propose, type MutationInput } from '../../support/communities.ts';
import { signIn, type Pusher } from './community-fixture.ts';
import {
  accept,
  archive,
  count,
  decide,
  deletePost,
  editPost,
  id,
  join,
  leave,
  member,
  PERSON,
  post,
  removeMember,
  ROLES,
  setRole,
  setUp as setUpAs,
  stateOf as stateIn,
  update,
  type Ids,
  type Role,
  type Setup,
  type State,
} from './community-roles-fixture.ts';

const NOT_A_MEMBER = 'You are not a member of this community';
const DECIDERS = 'Only a leader can approve or decline requests to join';
const ROLE_SETTERS = 'Only a leader can add members or change roles';
const REMOVERS = 'Only a leader (or a moderator, for members) can remove someone';
const ANNOUNCERS = 'Only leaders can post announcements';
const EDITORS = 'Only its author or a moderator can change this post';
const ACCEPTORS = 'Only the person who asked (or a moderator) can accept an answer';
const POST_NOT_FOUND = 'This post does not exist or is not visible to you';

let server: ServerFixture;
const as = {} as Record<Role | 'leader2', Pusher>;

beforeAll(async () => {
  server = await startTestServer();
  await upsertPeople(
    server.db,
    range(1, 9).map((n) => makePerson(n)),
  );
  for (const role of [...ROLES, 'leader2'] as const) as[role] = await signIn(server, PERSON[role]);
});
afterAll(() => server.stop());

const setUp = (setup: Setup) => setUpAs(as, setup);
const stateOf = (c: string) => stateIn(server.db, c);

interface Case {
  actor: Role | 'leader2';
  action: string;
  mutation: (ids: Ids) => MutationInput;
  /** 'applied', or the reason of the refusal. */
  expected: string;
  setup?: Setup;
  /** What an applied mutation changed. */
  then?: (after: State, ids: Ids, before: State) => void;
}

const everyoneBut = (allowed: readonly Role[], expected: string, rest: Omit<Case, 'actor' | 'expected'>) =>
  ROLES.filter((r) => !allowed.includes(r)).map((actor): Case => ({ ...rest, actor, expected }));
const only = (allowed: readonly Role[], rest: Omit<Case, 'actor' | 'expected'>) =>
  allowed.map((actor): Case => ({ ...rest, actor, expected: 'applied' }));
/** Every role: the allowed ones applied, the others refused with `reason`. */
const matrix = (allowed: readonly Role[], reason: string, rest: Omit<Case, 'actor' | 'expected'>) => [
  ...only(allowed, rest),
  ...everyoneBut(allowed, reason, rest),
];

const POSTING = ['leader', 'moderator', 'member', 'member2'] as const;
const MODERATING = ['leader', 'moderator'] as const;

const CASES: Case[] = [
  ...matrix(['leader'], LEADERS_ONLY, {
    action: 'update the community',
    mutation: update,
    then: (s) => {
      expect(s.community?.name).toBe('Kubernetes Lyon & Grenoble');
      expect(JSON.parse(s.community?.objectives ?? '')).toEqual(['Meetups', 'A runbook']);
    },
  }),
  ...matrix(['leader'], LEADERS_ONLY, {
    action: 'archive the community',
    mutation: archive,
    then: (s) => expect(s.community?.archived).toBe(1),
  }),
  // Join
  {
    actor: 'outsider',
    action: 'join an open community',
    mutation: join,
    expected: 'applied',
    setup: { visibility: 'open' },
    then: (s) => {
      expect(member(s, 'outsider')).toMatchObject({ status: 'active', role: 'member', deleted: 0 });
      expect(s.prefs.find((p) => p.owner_id === PERSON.outsider)).toMatchObject({ followed: 1 });
    },
  },
  {
    actor: 'outsider',
    action: 'join a request community',
    mutation: join,
    expected: 'applied',
    then: (s) => {
      expect(member(s, 'outsider')).toMatchObject({ status: 'requested', joined_at: null });
      expect(s.prefs.find((p) => p.owner_id === PERSON.outsider)).toBeUndefined();
    },
  },
  ...(['leader', 'moderator', 'member'] as const).map((actor): Case => ({
    actor,
    action: 'join again',
    mutation: join,
    expected: 'You are already a member',
  })),
  {
    actor: 'requester',
    action: 'join again',
    mutation: join,
    expected: 'Your request to join is waiting for a leader',
  },
  {
    actor: 'outsider',
    action: 'join a private community',
    mutation: join,
    expected: NOT_FOUND,
    setup: { visibility: 'private' },
  },
  {
    actor: 'outsider',
    action: 'join an archived community',
    mutation: join,
    expected: ARCHIVED,
    setup: { visibility: 'open', archived: true },
  },
  // Leave
  ...(['moderator', 'member', 'requester'] as const).map((actor): Case => ({
    actor,
    action: 'leave (or withdraw a request)',
    mutation: leave,
    expected: 'applied',
    then: (s) => expect(member(s, actor)?.deleted).toBe(1),
  })),
  { actor: 'outsider', action: 'leave', mutation: leave, expected: NOT_A_MEMBER },
  { actor: 'leader', action: 'leave as the last leader', mutation: leave, expected: LAST_LEADER },
  {
    actor: 'leader',
    action: 'leave as one of two leaders',
    mutation: leave,
    expected: 'applied',
    setup: { secondLeader: true },
    then: (s) => expect(member(s, 'leader')?.deleted).toBe(1),
  },
  // Decide
  ...matrix(['leader'], DECIDERS, {
    action: 'approve a request',
    mutation: decide('requester', true),
    then: (s) => {
      expect(member(s, 'requester')).toMatchObject({ status: 'active', deleted: 0 });
      expect(member(s, 'requester')?.joined_at).toEqual(expect.any(Number));
      expect(s.prefs.find((p) => p.owner_id === PERSON.requester)).toMatchObject({ followed: 1 });
    },
  }),
  ...matrix(['leader'], DECIDERS, {
    action: 'decline a request',
    mutation: decide('requester', false),
    then: (s) => expect(member(s, 'requester')?.deleted).toBe(1),
  }),
  {
    actor: 'leader',
    action: 'approve someone who did not ask',
    mutation: decide('member', true),
    expected: 'There is no request to join from this person',
  },
  // Roles
  ...matrix(['leader'], ROLE_SETTERS, {
    action: 'promote a member to moderator',
    mutation: setRole('member', 'moderator'),
    then: (s) => expect(member(s, 'member')).toMatchObject({ role: 'moderator', status: 'active' }),
  }),
  ...matrix(['leader'], ROLE_SETTERS, {
    action: 'demote a moderator',
    mutation: setRole('moderator', 'member'),
    then: (s) => expect(member(s, 'moderator')?.role).toBe('member'),
  }),
  ...matrix(['leader'], ROLE_SETTERS, {
    action: 'add a colleague as a leader',
    mutation: setRole('colleague', 'leader'),
    then: (s) =>
      expect(member(s, 'colleague')).toMatchObject({ role: 'leader', status: 'active', deleted: 0 }),
  }),
  {
    actor: 'leader',
    action: 'add a person who is not a colleague',
    mutation: setRole('p999999', 'member'),
    expected: 'No colleague with id p999999',
  },
  {
    actor: 'leader',
    action: 'step down as the last leader',
    mutation: setRole('leader', 'member'),
    expected: LAST_LEADER,
  },
  {
    actor: 'leader',
    action: 'add someone to an archived community',
    mutation: setRole('colleague', 'member'),
    expected: ARCHIVED,
    setup: { archived: true },
  },
  // Remove
  ...matrix(MODERATING, REMOVERS, {
    action: 'remove a member',
    mutation: removeMember('member2'),
    then: (s) => expect(member(s, 'member2')?.deleted).toBe(1),
  }),
  ...matrix(['leader'], REMOVERS, {
    action: 'remove a moderator',
    mutation: removeMember('moderator'),
    then: (s) => expect(member(s, 'moderator')?.deleted).toBe(1),
  }),
  {
    actor: 'leader',
    action: 'remove the last leader',
    mutation: removeMember('leader'),
    expected: LAST_LEADER,
  },
  {
    actor: 'leader',
    action: 'remove an outsider',
    mutation: removeMember('outsider'),
    expected: 'This person is not a member',
  },
  // Posts of every kind
  ...(['post', 'question', 'event', 'best_practice', 'job_opening'] as const).flatMap((kind) =>
    matrix(POSTING, MEMBERS_ONLY, {
      action: `post a ${kind}`,
      mutation: (ids) => createPost(ids.c, kind),
      then: (s, _ids, before) => expect(count(s, kind)).toBe(count(before, kind) + 1),
    }),
  ),
  ...(['moderator', 'member'] as const).map((actor): Case => ({
    actor,
    action: 'post an announcement',
    mutation: (ids) => createPost(ids.c, 'announcement'),
    expected: ANNOUNCERS,
  })),
  ...(['requester', 'outsider'] as const).map((actor): Case => ({
    actor,
    action: 'post an announcement',
    mutation: (ids) => createPost(ids.c, 'announcement'),
    expected: MEMBERS_ONLY,
  })),
  {
    actor: 'leader',
    action: 'post an announcement',
    mutation: (ids) => createPost(ids.c, 'announcement'),
    expected: 'applied',
    then: (s) => expect(s.posts.some((p) => p.kind === 'announcement')).toBe(true),
  },
  ...matrix(POSTING, MEMBERS_ONLY, {
    action: 'answer a question',
    mutation: (ids) => createPost(ids.c, 'answer', { parentId: ids.question }),
    then: (s, ids, before) => {
      const answers = (t: State) => t.posts.filter((p) => p.parent_id === ids.question).length;
      expect(answers(s)).toBe(answers(before) + 1);
    },
  }),
  {
    actor: 'member',
    action: 'post in a private community they belong to',
    mutation: (ids) => createPost(ids.c, 'post'),
    expected: 'applied',
    setup: { visibility: 'private' },
  },
  {
    actor: 'outsider',
    action: 'post in a private community',
    mutation: (ids) => createPost(ids.c, 'post'),
    expected: NOT_FOUND,
    setup: { visibility: 'private' },
  },
  {
    actor: 'member',
    action: 'post in an archived community',
    mutation: (ids) => createPost(ids.c, 'post'),
    expected: ARCHIVED,
    setup: { archived: true },
  },
  {
    actor: 'member',
    action: 'ask a question without a title',
    mutation: (ids) => createPost(ids.c, 'question', { title: null }),
    expected: 'A question needs a title',
  },
  {
    actor: 'member',
    action: 'post an event without its time and place',
    mutation: (ids) => createPost(ids.c, 'event', { event: null }),
    expected: 'An event needs a start time and a place',
  },
  {
    actor: 'member',
    action: 'answer a post that is not a question',
    mutation: (ids) => createPost(ids.c, 'answer', { parentId: ids.leaderPost }),
    expected: 'Only questions can be answered',
  },
  {
    actor: 'member',
    action: 'answer a question that does not exist',
    mutation: (ids) => createPost(ids.c, 'answer', { parentId: newId() }),
    expected: 'This answer’s question does not exist',
  },
  {
    actor: 'member',
    action: 'give a plain post a parent',
    mutation: (ids) => createPost(ids.c, 'post', { parentId: ids.question }),
    expected: 'Only answers have a parent post',
  },
  {
    actor: 'member',
    action: 'reuse a post id',
    mutation: (ids) => createPost(ids.c, 'post', { postId: ids.leaderPost }),
    expected: POST_EXISTS,
  },
  {
    actor: 'outsider',
    action: 'propose a community with an existing id',
    mutation: (ids) => propose(ids.c),
    expected: COMMUNITY_EXISTS,
  },
  // Edit and delete: the author ("member" on memberPost) or a moderator
  ...matrix(['member', ...MODERATING], EDITORS, {
    action: "edit the member's post",
    mutation: editPost('memberPost'),
    then: (s, ids) => {
      expect(post(s, ids.memberPost)?.body).toBe('Edited text');
      expect(post(s, ids.memberPost)?.edited_at).toEqual(expect.any(Number));
    },
  }),
  ...matrix(['member', ...MODERATING], EDITORS, {
    action: "delete the member's post",
    mutation: deletePost('memberPost'),
    then: (s, ids) => expect(post(s, ids.memberPost)).toMatchObject({ deleted: 1, body: '', title: null }),
  }),
  ...matrix(['leader', 'moderator'], EDITORS, {
    action: "edit the leader's post",
    mutation: editPost('leaderPost'),
  }),
  {
    actor: 'member',
    action: 'delete their question, keeping its answer',
    mutation: deletePost('question'),
    expected: 'applied',
    then: (s, ids) => {
      expect(post(s, ids.question)?.deleted).toBe(1);
      expect(post(s, ids.answer)?.deleted).toBe(0);
    },
  },
  {
    actor: 'member',
    action: 'edit their question into one without a title',
    mutation: (ids) => ({ type: 'post.update', postId: ids.question, patch: { title: null } }),
    expected: 'A question needs a title',
  },
  {
    actor: 'member',
    action: 'edit a post in an archived community',
    mutation: editPost('memberPost'),
    expected: ARCHIVED,
    setup: { archived: true },
  },
  {
    actor: 'member',
    action: 'edit a post that does not exist',
    mutation: (): MutationInput => ({ type: 'post.update', postId: newId(), patch: { body: 'x' } }),
    expected: POST_NOT_FOUND,
  },
  // Accept: the asker ("member") or a moderator
  ...matrix(['member', ...MODERATING], ACCEPTORS, {
    action: 'accept an answer',
    mutation: accept('answer'),
    then: (s, ids) => expect(post(s, ids.question)?.accepted_answer_id).toBe(ids.answer),
  }),
  {
    actor: 'member',
    action: "accept another question's answer",
    mutation: accept('otherAnswer'),
    expected: 'That answer belongs to another question',
  },
  {
    actor: 'member',
    action: 'accept an answer that does not exist',
    mutation: (ids) => ({ type: 'post.accept', questionId: ids.question, answerId: newId() }),
    expected: ANSWER_NOT_FOUND,
  },
  {
    actor: 'member',
    action: 'accept on a post that is not a question',
    mutation: (ids) => ({ type: 'post.accept', questionId: ids.memberPost, answerId: ids.answer }),
    expected: 'Only a question has an accepted answer',
  },
  // Preferences: one's own, on a community one can see
  ...only(ROLES, {
    action: 'follow and mute the community',
    mutation: (ids) => ({
      type: 'community_pref.put',
      communityId: ids.c,
      patch: { followed: true, muted: true },
    }),
    then: (s) => expect(s.prefs.some((p) => p.followed === 1 && p.muted === 1)).toBe(true),
  }),
  {
    actor: 'outsider',
    action: 'follow a private community',
    mutation: (ids) => ({ type: 'community_pref.put', communityId: ids.c, patch: { followed: true } }),
    expected: NOT_FOUND,
    setup: { visibility: 'private' },
  },
];

describe('community permissions (POST /v1/sync/push)', () => {
  it.each(CASES.map((c) => [c.actor, c.action, c.expected, c] as const))(
    '%s: %s → %s',
    async (_actor, _action, _expected, { actor, mutation, expected, setup, then }) => {
      const ids = await setUp(setup ?? {});
      const before = await stateOf(ids.c);
      const outcome = await as[actor].one(mutation(ids));
      expect(outcome).toBe(expected);
      const after = await stateOf(ids.c);
      if (expected === 'applied') {
        expect(after.seq).toBeGreaterThan(before.seq);
        then?.(after, ids, before);
      } else {
        // Refused: not a row, not a seq changed.
        expect(after).toEqual(before);
      }
    },
  );

  it('applies a propose, a post in the new community and an answer to it in one batch, in order', async () => {
    const c = newId();
    const question = createPost(c, 'question');
    const results = await as.leader.send(
      propose(c),
      question,
      createPost(c, 'answer', { parentId: id(question) }),
      createPost(c, 'announcement'),
    );
    expect(results.map((r) => r.status)).toEqual(['applied', 'applied', 'applied', 'applied']);
    const s = await stateOf(c);
    expect(member(s, 'leader')).toMatchObject({ role: 'leader', status: 'active' });
    expect(s.prefs).toMatchObject([{ owner_id: PERSON.leader, followed: 1 }]);
    expect(s.posts).toHaveLength(3);
  });

  it('clears an accepted answer once that answer is deleted', async () => {
    const ids = await setUp({});
    expect(await as.member.one(accept('answer')(ids))).toBe('applied');
    expect(await as.moderator.one(deletePost('answer')(ids))).toBe('applied');
    expect(post(await stateOf(ids.c), ids.question)?.accepted_answer_id).toBeNull();
  });

  it('keeps refusing an author who left from editing their post', async () => {
    const ids = await setUp({});
    expect(await as.member.one(leave(ids))).toBe('applied');
    expect(await as.member.one(editPost('memberPost')(ids))).toBe(EDITORS);
  });
});
