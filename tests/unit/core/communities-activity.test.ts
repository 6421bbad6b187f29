import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listHomeActivity } from '#core/communities/activity.repo';
import { listCommunitySummaries } from '#core/communities/summaries.repo';
import { openLocalDb, type LocalDb } from '#core/store/local-db';
import { upsertPeople } from '#core/store/people.repo';
import {
  communityRow,
  membershipRow,
  postRow,
  prefRow,
  queuedCommunityWrite,
} from '../../support/communities.ts';
import { makePerson } from '../../support/people.ts';
import { makeTempDir } from '../../support/temp-dir.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const NOW = Date.parse('2026-03-15T12:00:00.000Z');
const ME = 'me';

const community = (id: string, name: string) =>
  communityRow({ id, name, kind: 'interest_group', purpose: 'Things' });

const post = (id: string, communityId: string, author: string, createdAt: number, kind = 'post') =>
  postRow({
    id,
    community_id: communityId,
    author_id: author,
    kind,
    parent_id: kind === 'answer' ? 'elsewhere' : null,
    created_at: createdAt,
  });

const pref = (communityId: string, followed: 0 | 1, muted: 0 | 1, lastReadAt: number) =>
  prefRow(communityId, { followed, muted, lastReadAt });

describe('home activity and community cards', () => {
  let db: Kysely<LocalDb>;
  let dir: Awaited<ReturnType<typeof makeTempDir>>;
  beforeAll(async () => {
    dir = await makeTempDir();
    db = await openLocalDb(dir.path);
    await upsertPeople(
      db,
      ['ann', 'bob', ME].map((id) => ({ person: makePerson({ id, name: `Name ${id}` }), seq: 1 })),
      { fresh: true },
    );
    await db
      .insertInto('communities')
      .values([
        community('f1', 'Followed one'),
        community('f2', 'Muted'),
        community('f3', 'Not followed'),
        community('f4', 'Followed four'),
      ])
      .execute();
    await db
      .insertInto('community_prefs')
      .values([
        pref('f1', 1, 0, NOW - 50 * DAY),
        pref('f2', 1, 1, 0),
        pref('f3', 0, 0, 0),
        pref('f4', 1, 0, NOW - 2 * DAY),
      ])
      .execute();
    await db
      .insertInto('posts')
      .values([
        post('f1a', 'f1', 'ann', NOW - DAY),
        post('f1b', 'f1', ME, NOW - 2 * HOUR), // the viewer's own
        post('f1c', 'f1', 'bob', NOW - 3 * DAY, 'answer'),
        post('f1d', 'f1', 'ann', NOW - 40 * DAY), // unread but older than 30 days
        post('m1', 'f2', 'ann', NOW - HOUR), // muted
        post('u1', 'f3', 'ann', NOW - HOUR), // not followed
        post('g1', 'f4', 'bob', NOW - DAY - HOUR),
        post('g2', 'f4', 'bob', NOW - 5 * DAY), // before f4's marker
      ])
      .execute();
    await db
      .insertInto('memberships')
      .values([
        membershipRow('f1', ME, 'leader'),
        membershipRow('f1', 'ann'),
        membershipRow('f1', 'bob', 'member', 'requested'),
        membershipRow('f4', 'bob'),
      ])
      .execute();
    await db
      .insertInto('outbox')
      .values([
        queuedCommunityWrite(1, 'community_pref:f1'),
        queuedCommunityWrite(2, 'membership:f4/bob'),
        queuedCommunityWrite(3, 'post:g1'),
      ])
      .execute();
  });
  afterAll(async () => {
    await db.destroy();
    await dir.remove();
  });

  it('lists others’ posts of followed, unmuted communities of the last 30 days, newest first', async () => {
    const activity = await listHomeActivity(db, { limit: 50, unreadOnly: false }, ME, NOW);
    expect(activity.items.map((i) => [i.item.post.id, i.item.unread])).toEqual([
      ['f1a', true],
      ['g1', true], // after f4's marker (NOW − 2 d)
      ['f1c', true], // answers count as activity
      ['g2', false],
    ]);
    expect(activity.items[1]?.community).toEqual({ id: 'f4', name: 'Followed four', kind: 'interest_group' });
    expect(activity.items[1]?.item.pending).toBe(true);
  });

  it('counts unread per followed community, whatever the age', async () => {
    const activity = await listHomeActivity(db, { limit: 50, unreadOnly: false }, ME, NOW);
    // f1: f1a, f1c, f1d (after NOW − 50 d, not own) = 3; f4: g1 = 1.
    expect(activity.unreadTotal).toBe(4);
    expect(activity.unreadByCommunity).toEqual([
      { communityId: 'f1', name: 'Followed one', unread: 3 },
      { communityId: 'f4', name: 'Followed four', unread: 1 },
    ]);
  });

  it('lists every unread post, old ones included, with unreadOnly', async () => {
    const activity = await listHomeActivity(db, { limit: 50, unreadOnly: true }, ME, NOW);
    expect(activity.items.map((i) => i.item.post.id)).toEqual(['f1a', 'g1', 'f1c', 'f1d']);
  });

  it('stops at the limit', async () => {
    const activity = await listHomeActivity(db, { limit: 2, unreadOnly: false }, ME, NOW);
    expect(activity.items.map((i) => i.item.post.id)).toEqual(['f1a', 'g1']);
    expect(activity.unreadTotal).toBe(4);
  });

  it('summarizes communities in the order asked, skipping unknown ids', async () => {
    const [f4, f1, ...rest] = await listCommunitySummaries(db, ['f4', 'f1', 'nope'], ME, NOW);
    expect(rest).toEqual([]);
    expect(f1).toMatchObject({
      community: { id: 'f1', name: 'Followed one', archived: false, objectives: [] },
      memberCount: 2, // me and ann; bob only asked
      recentPosts: 3, // f1a, f1b, f1c in 28 days; f1d is 40 days old
      lastActivityAt: NOW - 2 * HOUR, // f1b
      unread: 3, // f1a, f1c, f1d; f1b is mine
      me: { role: 'leader', status: 'active', followed: true, muted: false },
      pending: true, // community_pref:f1
    });
    expect(f4).toMatchObject({
      memberCount: 1,
      recentPosts: 2,
      lastActivityAt: NOW - DAY - HOUR,
      unread: 1,
      me: { role: null, status: null, followed: true, muted: false },
      // bob's membership write and a post's are not the viewer's writes about the community.
      pending: false,
    });
  });

  it('summarizes a community with no posts, members or preferences', async () => {
    await db.insertInto('communities').values(community('empty', 'Empty')).execute();
    const [empty] = await listCommunitySummaries(db, ['empty'], ME, NOW);
    expect(empty).toMatchObject({
      memberCount: 0,
      recentPosts: 0,
      lastActivityAt: null,
      unread: 0,
      me: { role: null, status: null, followed: false, muted: false },
      pending: false,
    });
  });
});
