import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Core } from '#core/core-types';
import type { DesktopNotification } from '#shared/domain/notifications';
import type { ProposeCommunityInput } from '#shared/domain/community';
import { colleagues, settle, startPushFixture } from '../../support/push-fixture.ts';

type Fixture = Awaited<ReturnType<typeof startPushFixture>>;

const GUILD: ProposeCommunityInput = {
  name: 'Platform Guild',
  kind: 'community_of_practice',
  purpose: 'Build the platform together',
  objectives: [],
  visibility: 'open',
};

/** Every notification the core decides, in order. */
function collect(core: Core): DesktopNotification[] {
  const shown: DesktopNotification[] = [];
  core.events.on('notifications.shown', ({ items }) => shown.push(...items));
  return shown;
}

type NewPost = Parameters<Core['handlers']['communities']['createPost']>[0];

function post(communityId: string, title: string, body = 'Details inside'): NewPost {
  return { communityId, kind: 'question', title, body, event: null, parentId: null };
}

describe('notifications after each sync, through real cores and a real server', () => {
  let fx: Fixture;
  beforeEach(async () => (fx = await startPushFixture()));
  afterEach(() => fx.close());

  /** Me, leading (and so following) a community that a colleague has joined. */
  async function setUp() {
    const a = await fx.signedInCore('a');
    const b = await fx.signedInCore('b', { personId: colleagues[0]!.id });
    const shown = collect(a.core);
    await settle(a.core);
    const guild = await a.core.handlers.communities.propose(GUILD);
    await settle(a.core);
    await settle(b.core);
    await b.core.handlers.communities.join({ communityId: guild.community.id });
    await settle(b.core);
    await settle(a.core);
    return { a, b, shown, guildId: guild.community.id };
  }

  it("shows a colleague's new question in a community I follow, once, and never the first sync's history", async () => {
    const { a, b, shown, guildId } = await setUp();
    expect(shown).toEqual([]); // the demo org's posts came with the first sync: history

    const question = await b.core.handlers.communities.createPost(post(guildId, 'Who runs the build farm?'));
    await settle(b.core);
    await settle(a.core);
    expect(shown).toEqual([
      expect.objectContaining({
        id: `post:${question.post.id}`,
        kind: 'item',
        route: `/communities/${guildId}/posts/${question.post.id}`,
      }),
    ]);
    expect(shown[0]!.body).toContain('Who runs the build farm?');

    await settle(a.core);
    expect(shown).toHaveLength(1);
  });

  it('after a restart shows what came meanwhile, and not again what it showed before (even edited)', async () => {
    const { a, b, shown, guildId } = await setUp();
    const first = await b.core.handlers.communities.createPost(post(guildId, 'Anyone tried Bazel?'));
    await settle(b.core);
    await settle(a.core);
    expect(shown).toHaveLength(1);

    await a.core.close();
    await b.core.handlers.communities.updatePost({
      postId: first.post.id,
      patch: { body: 'Anyone tried Bazel? (edited: remote caching)' },
    });
    const second = await b.core.handlers.communities.createPost(post(guildId, 'Who owns the CI budget?'));
    await settle(b.core);
    const reopened = await fx.reopenCore(a);
    const after = collect(reopened);
    await settle(reopened);
    expect(after.map((n) => n.id)).toEqual([`post:${second.post.id}`]);
  });

  it('turns more than three posts of one sync into one summary', async () => {
    const { a, b, shown, guildId } = await setUp();
    for (let i = 1; i <= 5; i++) {
      await b.core.handlers.communities.createPost(post(guildId, `Question ${i}`));
    }
    await settle(b.core);
    await settle(a.core);
    expect(shown).toHaveLength(1);
    expect(shown[0]).toMatchObject({ kind: 'summary', route: `/communities/${guildId}` });
    expect(shown[0]!.body).toMatch(/\b5\b/);
  });

  it('a pause silences new posts for good; after it, only newer posts show', async () => {
    const { a, b, shown, guildId } = await setUp();
    await a.core.handlers.settings.update({ pausedUntil: Date.now() + 60 * 60_000 });
    await b.core.handlers.communities.createPost(post(guildId, 'Posted during the pause'));
    await settle(b.core);
    await settle(a.core);
    expect(shown).toEqual([]);

    await a.core.handlers.settings.update({ pausedUntil: null });
    const later = await b.core.handlers.communities.createPost(post(guildId, 'Posted after it'));
    await settle(b.core);
    await settle(a.core);
    expect(shown.map((n) => n.id)).toEqual([`post:${later.post.id}`]);
  });

  it('a muted community stays quiet; a mention of me there still shows', async () => {
    const { a, b, shown, guildId } = await setUp();
    await a.core.handlers.communities.setPrefs({ communityId: guildId, patch: { muted: true } });
    await settle(a.core);
    await b.core.handlers.communities.createPost(post(guildId, 'Quiet question'));
    const me = (await a.core.handlers.session.getSession(undefined)) as { me: { name: string } | null };
    const mention = await b.core.handlers.communities.createPost(
      post(guildId, 'Review please', `What do you think, @${me.me!.name}?`),
    );
    await settle(b.core);
    await settle(a.core);
    expect(shown.map((n) => n.id)).toEqual([`post:${mention.post.id}`]);
    expect(shown[0]!.title).toContain('mentioned you');
  });
});
