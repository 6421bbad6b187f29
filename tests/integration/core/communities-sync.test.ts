import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Core } from '#core/core-types';
import { POST_BODY_MAX, type ProposeCommunityInput } from '#shared/domain/community';
import { MEMBERS_ONLY } from '#shared/domain/community-rules';
import { createDispatcher } from '#shared/ipc/dispatch';
import {
  colleagues,
  flakyPushFetch,
  outboxSize,
  settle,
  startPushFixture,
} from '../../support/push-fixture.ts';

const GUILD: ProposeCommunityInput = {
  name: 'Kubernetes Guild',
  kind: 'community_of_practice',
  purpose: 'Run containers well, together',
  objectives: ['Share runbooks'],
  visibility: 'open',
};

const QUESTION = {
  kind: 'question',
  title: 'How do you size pods?',
  body: 'Requests vs limits?',
  event: null,
  parentId: null,
} as const;

/** Every table the community cache and the outbox hold, to show a refused write changed nothing. */
async function cacheState(core: Core, db: Awaited<ReturnType<Fixture['signedInCore']>>['db']) {
  void core;
  return {
    communities: await db.selectFrom('communities').selectAll().orderBy('id').execute(),
    memberships: await db
      .selectFrom('memberships')
      .selectAll()
      .orderBy('community_id')
      .orderBy('person_id')
      .execute(),
    posts: await db.selectFrom('posts').selectAll().orderBy('id').execute(),
    prefs: await db.selectFrom('community_prefs').selectAll().orderBy('community_id').execute(),
    outbox: await outboxSize(db),
  };
}

type Fixture = Awaited<ReturnType<typeof startPushFixture>>;

describe('communities between two users against a real server', () => {
  let fx: Fixture;
  beforeEach(async () => (fx = await startPushFixture()));
  afterEach(() => fx.close());

  it('carries a community and a question proposed offline to another user, who answers; the answer is accepted on both', async () => {
    const bob = colleagues[0]!.id;
    const a = await fx.signedInCore('a');
    const b = await fx.signedInCore('b', { personId: bob });
    await Promise.all([settle(a.core), settle(b.core)]);

    await fx.stopServer();
    const guild = await a.core.handlers.communities.propose(GUILD);
    expect(guild).toMatchObject({ me: { role: 'leader', status: 'active', followed: true }, pending: true });
    const question = await a.core.handlers.communities.createPost({
      communityId: guild.community.id,
      ...QUESTION,
    });
    expect(question).toMatchObject({
      pending: true,
      post: { kind: 'question', authorId: expect.any(String) },
    });
    expect(await outboxSize(a.db)).toBe(2);
    await fx.restartServer();

    expect(await settle(a.core)).toMatchObject({ state: 'idle' });
    expect(await outboxSize(a.db)).toBe(0);
    expect(await settle(b.core)).toMatchObject({ state: 'idle' });
    const discovered = await b.core.handlers.communities.list({ scope: 'discover', includeArchived: false });
    expect(discovered.items.map((s) => s.community.name)).toContain('Kubernetes Guild');

    const joined = await b.core.handlers.communities.join({ communityId: guild.community.id });
    expect(joined.me).toMatchObject({ role: 'member', status: 'active', followed: true });
    const answer = await b.core.handlers.communities.createPost({
      communityId: guild.community.id,
      kind: 'answer',
      parentId: question.post.id,
      title: null,
      body: 'Set requests from p95 usage.',
      event: null,
    });
    await settle(b.core);
    await settle(a.core);

    const seenByA = await a.core.handlers.communities.getThread({ postId: question.post.id });
    expect(seenByA.answers.map((i) => i.post.body)).toEqual(['Set requests from p95 usage.']);
    await a.core.handlers.communities.acceptAnswer({
      questionId: question.post.id,
      answerId: answer.post.id,
    });
    await settle(a.core);
    await settle(b.core);
    for (const device of [a, b]) {
      const thread = await device.core.handlers.communities.getThread({ postId: question.post.id });
      expect(thread.item.post.acceptedAnswerId).toBe(answer.post.id);
      expect(thread.item.pending).toBe(false);
      expect(thread.answers).toHaveLength(1);
    }
    const detail = await a.core.handlers.communities.get({ communityId: guild.community.id });
    expect(detail).toMatchObject({ memberCount: 2, pending: false });
  });

  it('refuses what the rules forbid up front: an error, nothing changed, nothing queued', async () => {
    const [bob, carol] = [colleagues[0]!.id, colleagues[1]!.id];
    const a = await fx.signedInCore('a');
    const b = await fx.signedInCore('b', { personId: bob });
    const c = await fx.signedInCore('c', { personId: carol });
    await Promise.all([settle(a.core), settle(b.core), settle(c.core)]);
    const guild = await a.core.handlers.communities.propose(GUILD);
    const gated = await a.core.handlers.communities.propose({
      ...GUILD,
      name: 'Platform Club',
      visibility: 'request',
    });
    const question = await a.core.handlers.communities.createPost({
      communityId: guild.community.id,
      ...QUESTION,
    });
    expect(await settle(a.core)).toMatchObject({ state: 'idle' });
    expect(await settle(c.core)).toMatchObject({ state: 'idle' });
    await c.core.handlers.communities.join({ communityId: gated.community.id });
    expect(await settle(c.core)).toMatchObject({ state: 'idle' });
    expect(await settle(b.core)).toMatchObject({ state: 'idle' });
    const communities = b.core.handlers.communities;

    const before = await cacheState(b.core, b.db);
    await expect(
      communities.createPost({
        communityId: guild.community.id,
        kind: 'post',
        title: null,
        body: 'Hi',
        event: null,
        parentId: null,
      }),
    ).rejects.toMatchObject({ code: 'forbidden', message: MEMBERS_ONLY });
    await expect(
      communities.decideRequest({ communityId: gated.community.id, personId: carol, approve: true }),
    ).rejects.toMatchObject({ message: 'Only a leader can approve or decline requests to join' });
    expect(await cacheState(b.core, b.db)).toEqual(before);

    await communities.join({ communityId: guild.community.id });
    const joined = await cacheState(b.core, b.db);
    await expect(
      communities.createPost({
        communityId: guild.community.id,
        kind: 'announcement',
        title: 'Hello',
        body: 'All hands',
        event: null,
        parentId: null,
      }),
    ).rejects.toMatchObject({ code: 'forbidden', message: 'Only leaders can post announcements' });
    await expect(
      communities.updatePost({ postId: question.post.id, patch: { body: 'Mine now' } }),
    ).rejects.toMatchObject({ message: 'Only its author or a moderator can change this post' });
    await expect(
      communities.createPost({
        communityId: guild.community.id,
        kind: 'question',
        title: null,
        body: 'Why?',
        event: null,
        parentId: null,
      }),
    ).rejects.toMatchObject({ code: 'invalid_input', message: 'A question needs a title' });
    const dispatch = createDispatcher(b.core.handlers);
    const oversized = await dispatch('communities.createPost', {
      communityId: guild.community.id,
      kind: 'post',
      title: null,
      body: 'x'.repeat(POST_BODY_MAX + 1),
      event: null,
    });
    expect(oversized).toMatchObject({
      ok: false,
      error: {
        code: 'invalid_input',
        message: expect.stringContaining('A post has at most 20,000 characters'),
      },
    });
    expect(await cacheState(b.core, b.db)).toEqual(joined);
  });

  it('rolls back a write the server refuses, lists it, and keeps pending writes on other rows', async () => {
    const bob = colleagues[0]!.id;
    const a = await fx.signedInCore('a');
    const flaky = flakyPushFetch();
    const b = await fx.signedInCore('b', { personId: bob, fetch: flaky.fetch });
    await Promise.all([settle(a.core), settle(b.core)]);
    const guild = await a.core.handlers.communities.propose(GUILD);
    await settle(a.core);
    await settle(b.core);
    await b.core.handlers.communities.join({ communityId: guild.community.id });
    await settle(b.core);
    await settle(a.core);
    const own = await b.core.handlers.communities.propose({
      ...GUILD,
      name: 'Bob’s Reading Club',
      kind: 'interest_group',
    });
    await settle(b.core);
    const rejectedEvents: string[] = [];
    b.core.events.on('sync.rejected', (w) => rejectedEvents.push(w.description));

    // Bob is offline (his pushes fail) while a leader removes him on the server.
    flaky.state.blocked = true;
    const refused = await b.core.handlers.communities.createPost({
      communityId: guild.community.id,
      ...QUESTION,
    });
    const kept = await b.core.handlers.communities.createPost({
      communityId: own.community.id,
      kind: 'post',
      title: null,
      body: 'First book: SICP',
      event: null,
      parentId: null,
    });
    expect(refused.pending).toBe(true);
    await a.core.handlers.communities.removeMember({ communityId: guild.community.id, personId: bob });
    await settle(a.core);
    await settle(b.core); // pulls the removal; the post stays until the server answers

    flaky.state.blocked = false;
    expect(await settle(b.core)).toMatchObject({ state: 'idle' });
    expect(await outboxSize(b.db)).toBe(0);
    await expect(b.core.handlers.communities.getThread({ postId: refused.post.id })).rejects.toMatchObject({
      code: 'not_found',
    });
    expect(await b.db.selectFrom('posts').select('id').where('id', '=', refused.post.id).execute()).toEqual(
      [],
    );
    expect(await b.core.handlers.sync.listRejected(undefined)).toEqual([
      expect.objectContaining({
        description: 'Question “How do you size pods?” in Kubernetes Guild',
        reason: MEMBERS_ONLY,
      }),
    ]);
    expect(rejectedEvents).toEqual(['Question “How do you size pods?” in Kubernetes Guild']);
    const other = await b.core.handlers.communities.getThread({ postId: kept.post.id });
    expect(other.item).toMatchObject({ pending: false, post: { body: 'First book: SICP' } });
    expect(await b.db.selectFrom('community_shadows').selectAll().execute()).toEqual([]);
  });

  it('never lets a pull overwrite a pending local edit of a post', async () => {
    const flaky = flakyPushFetch();
    const laptop = await fx.signedInCore('laptop', { fetch: flaky.fetch });
    const phone = await fx.signedInCore('phone');
    await Promise.all([settle(laptop.core), settle(phone.core)]);
    const guild = await laptop.core.handlers.communities.propose(GUILD);
    const question = await laptop.core.handlers.communities.createPost({
      communityId: guild.community.id,
      ...QUESTION,
    });
    await settle(laptop.core);
    await settle(phone.core);

    flaky.state.blocked = true;
    await laptop.core.handlers.communities.updatePost({
      postId: question.post.id,
      patch: { body: 'Edited on the laptop' },
    });
    await phone.core.handlers.communities.updatePost({
      postId: question.post.id,
      patch: { title: 'How do you size pods in prod?' },
    });
    await settle(phone.core);
    await settle(laptop.core); // the push fails, the pull brings the phone's title
    const mid = await laptop.core.handlers.communities.getThread({ postId: question.post.id });
    expect(mid.item).toMatchObject({
      pending: true,
      post: { body: 'Edited on the laptop', title: 'How do you size pods in prod?' },
    });

    flaky.state.blocked = false;
    await settle(laptop.core);
    await settle(phone.core);
    for (const device of [laptop, phone]) {
      const thread = await device.core.handlers.communities.getThread({ postId: question.post.id });
      expect(thread.item).toMatchObject({
        pending: false,
        post: { body: 'Edited on the laptop', title: 'How do you size pods in prod?' },
      });
    }
  });

  it('brings the older posts of a private community to a member a leader adds', async () => {
    const bob = colleagues[0]!.id;
    const a = await fx.signedInCore('a');
    const b = await fx.signedInCore('b', { personId: bob });
    await Promise.all([settle(a.core), settle(b.core)]);
    const secret = await a.core.handlers.communities.propose({
      ...GUILD,
      name: 'Steering Group',
      visibility: 'private',
    });
    const question = await a.core.handlers.communities.createPost({
      communityId: secret.community.id,
      ...QUESTION,
    });
    await settle(a.core);
    await settle(b.core);
    expect(
      (await b.core.handlers.communities.list({ scope: 'all', includeArchived: false })).items.map(
        (s) => s.community.id,
      ),
    ).not.toContain(secret.community.id);

    await a.core.handlers.communities.setRole({
      communityId: secret.community.id,
      personId: bob,
      role: 'member',
    });
    await settle(a.core);
    await settle(b.core);
    const mine = await b.core.handlers.communities.list({ scope: 'mine', includeArchived: false });
    expect(mine.items.map((s) => s.community.id)).toEqual([secret.community.id]);
    const thread = await b.core.handlers.communities.getThread({ postId: question.post.id });
    expect(thread.item.post.title).toBe(QUESTION.title);
    expect(await b.core.handlers.communities.get({ communityId: secret.community.id })).toMatchObject({
      memberCount: 2,
    });

    // Removed again: the community, its members and posts leave Bob's cache.
    await a.core.handlers.communities.removeMember({ communityId: secret.community.id, personId: bob });
    await settle(a.core);
    await settle(b.core);
    expect(
      await b.db.selectFrom('posts').select('id').where('community_id', '=', secret.community.id).execute(),
    ).toEqual([]);
    expect(
      await b.db
        .selectFrom('memberships')
        .select('person_id')
        .where('community_id', '=', secret.community.id)
        .execute(),
    ).toEqual([]);
  });
});
