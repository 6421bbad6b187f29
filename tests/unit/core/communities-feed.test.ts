import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listFeedPage } from '#core/communities/feed.repo';
import { openLocalDb, type LocalDb } from '#core/store/local-db';
import { upsertPeople } from '#core/store/people.repo';
import { postRow, queuedCommunityWrite } from '../../support/communities.ts';
import { makePerson } from '../../support/people.ts';
import { makeTempDir } from '../../support/temp-dir.ts';

const C1 = 'c1';
const me = { personId: 'me' };

const post = (
  id: string,
  author: string,
  kind: string,
  createdAt: number,
  { communityId = C1, parentId = null as string | null } = {},
) =>
  postRow({
    id,
    community_id: communityId,
    author_id: author,
    kind,
    parent_id: parentId,
    title: kind === 'answer' ? null : `Title ${id}`,
    body: `Body of ${id}`,
    event_starts_at: kind === 'event' ? 9000 : null,
    event_place: kind === 'event' ? 'Lyon' : null,
    created_at: createdAt,
  });

// Newest first, ties on created_at by id desc: p5, p4, p3 (all at 3000), p2, p1. Answers stay out.
const posts = [
  post('p1', 'ann', 'post', 1000),
  post('p2', 'bob', 'question', 2000),
  post('p3', 'me', 'post', 3000),
  post('p4', 'ghost', 'event', 3000), // an author the directory does not know
  post('p5', 'ann', 'best_practice', 3000),
  post('a1', 'me', 'answer', 2500, { parentId: 'p2' }),
  post('a2', 'ann', 'answer', 4000, { parentId: 'p2' }),
  post('x1', 'ann', 'post', 5000, { communityId: 'c2' }),
];

describe('listFeedPage', () => {
  let db: Kysely<LocalDb>;
  let dir: Awaited<ReturnType<typeof makeTempDir>>;
  beforeAll(async () => {
    dir = await makeTempDir();
    db = await openLocalDb(dir.path);
    await upsertPeople(
      db,
      ['ann', 'bob', 'me'].map((id) => ({ person: makePerson({ id, name: `Name ${id}` }), seq: 1 })),
      { fresh: true },
    );
    await db.insertInto('posts').values(posts).execute();
    await db
      .insertInto('community_prefs')
      .values({ community_id: C1, followed: 1, muted: 0, last_read_at: 2000, updated_at: 1, seq: 1 })
      .execute();
    const queued = (mutationId: number, entityKey: string) => queuedCommunityWrite(mutationId, entityKey, 1);
    await db
      .insertInto('outbox')
      .values([queued(1, 'post:p4'), queued(2, 'community:c1'), queued(3, 'post:p4')])
      .execute();
  });
  afterAll(async () => {
    await db.destroy();
    await dir.remove();
  });

  it('lists posts newest first, ties by id, without answers or other communities', async () => {
    const page = await listFeedPage(db, { communityId: C1, limit: 50 }, me);
    expect(page.items.map((i) => i.post.id)).toEqual(['p5', 'p4', 'p3', 'p2', 'p1']);
    expect(page.next).toBeNull();
  });

  it('pages by keyset without repeating or skipping posts that share a time', async () => {
    const seen: string[] = [];
    const cursors: unknown[] = [];
    let before: { createdAt: number; id: string } | undefined;
    for (let i = 0; i < 5; i++) {
      const page = await listFeedPage(db, { communityId: C1, limit: 2, before }, me);
      seen.push(...page.items.map((item) => item.post.id));
      cursors.push(page.next);
      if (!page.next) break;
      before = page.next;
    }
    expect(seen).toEqual(['p5', 'p4', 'p3', 'p2', 'p1']);
    expect(cursors).toEqual([{ createdAt: 3000, id: 'p4' }, { createdAt: 2000, id: 'p2' }, null]);
  });

  it('gives no next cursor when the last page is exactly full', async () => {
    expect((await listFeedPage(db, { communityId: C1, limit: 5 }, me)).next).toBeNull();
  });

  it('filters by kind', async () => {
    const page = await listFeedPage(db, { communityId: C1, kind: 'question', limit: 50 }, me);
    expect(page.items.map((i) => i.post.id)).toEqual(['p2']);
  });

  it('adds author, answer count, unread and pending to each post', async () => {
    const { items } = await listFeedPage(db, { communityId: C1, limit: 50 }, me);
    const byId = new Map(items.map((i) => [i.post.id, i]));
    expect(byId.get('p5')?.author).toMatchObject({ id: 'ann', name: 'Name ann', active: true });
    expect(byId.get('p4')?.author).toBeNull();
    expect(byId.get('p2')?.answerCount).toBe(2); // a1 and a2
    expect(byId.get('p1')?.answerCount).toBe(0);
    // Read up to 2000: p5 and p4 (3000) are new; p3 is the viewer's own; p2 sits on the marker.
    expect(items.map((i) => [i.post.id, i.unread])).toEqual([
      ['p5', true],
      ['p4', true],
      ['p3', false],
      ['p2', false],
      ['p1', false],
    ]);
    expect(items.filter((i) => i.pending).map((i) => i.post.id)).toEqual(['p4']);
    expect(byId.get('p4')?.post).toMatchObject({ kind: 'event', event: { startsAt: 9000, place: 'Lyon' } });
  });

  it('treats everything as unread in a community without a read marker', async () => {
    const { items } = await listFeedPage(db, { communityId: 'c2', limit: 50 }, me);
    expect(items.map((i) => [i.post.id, i.unread])).toEqual([['x1', true]]);
  });
});
