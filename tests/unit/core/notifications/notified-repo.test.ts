import type { Kysely } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { decideNotifications, type NotificationInput } from '#core/notifications/notification-rules';
import {
  listNotificationCandidates,
  listNotifiedIds,
  NOTIFIED_RETENTION_MS,
  recordNotifiedIds,
} from '#core/notifications/notified.repo';
import { openLocalDb, type LocalDb } from '#core/store/local-db';
import { readState } from '#core/store/local-state.repo';
import { insertCommunity, ME, openGraphFixture, TINY_CLUB } from '../../../support/graph-fixture.ts';
import { makeTempDir } from '../../../support/temp-dir.ts';

const HOUR = 60 * 60 * 1000;
const NOW = Date.UTC(2030, 0, 15, 12);

async function insertPost(
  db: Kysely<LocalDb>,
  post: {
    id: string;
    authorId: string;
    kind?: string;
    parentId?: string;
    body?: string;
    communityId?: string;
  },
) {
  await db
    .insertInto('posts')
    .values({
      id: post.id,
      community_id: post.communityId ?? TINY_CLUB,
      author_id: post.authorId,
      kind: post.kind ?? 'post',
      parent_id: post.parentId ?? null,
      title: post.kind === 'question' ? 'Which CI?' : null,
      body: post.body ?? 'Hello',
      event_starts_at: null,
      event_place: null,
      accepted_answer_id: null,
      created_at: NOW - HOUR,
      edited_at: null,
      seq: 1,
    })
    .execute();
}

function makeInput(items: Awaited<ReturnType<typeof listNotificationCandidates>>, notified: Set<string>) {
  return {
    items,
    me: { id: ME, name: 'Me', email: 'me@example.com' },
    prefs: new Map([[TINY_CLUB, { followed: true, muted: false }]]),
    settings: { quietHours: null, pausedUntil: null, doNotDisturb: false },
    now: NOW,
    localMinute: 12 * 60,
    firstSyncAt: NOW - 24 * HOUR,
    notified,
  } satisfies NotificationInput;
}

describe('notified.repo', () => {
  let fixture: Awaited<ReturnType<typeof openGraphFixture>>;
  beforeEach(async () => (fixture = await openGraphFixture()));
  afterEach(() => fixture.close());

  it('does not notify again after a restart', async () => {
    const dir = await makeTempDir();
    try {
      const ids = Array.from({ length: 50 }, (_, i) => `post-${i}`);
      const db = await openLocalDb(dir.path);
      await insertCommunity(db, TINY_CLUB, 'Tiny club', [ME, 'gus']);
      for (const id of ids) await insertPost(db, { id, authorId: 'gus' });
      const first = decideNotifications(
        makeInput(await listNotificationCandidates(db, ids), await listNotifiedIds(db)),
      );
      expect(first.notifications.map((n) => n.kind)).toEqual(['summary']);
      await recordNotifiedIds(db, first.notifiedIds, NOW, 1);
      await db.destroy();

      const reopened = await openLocalDb(dir.path);
      const again = decideNotifications(
        makeInput(await listNotificationCandidates(reopened, ids), await listNotifiedIds(reopened)),
      );
      await reopened.destroy();
      expect(again).toEqual({ notifications: [], notifiedIds: [], silenced: 0 });
    } finally {
      await dir.remove();
    }
  });

  it('keeps the first time of an id recorded twice, prunes ids older than 30 days and moves the watermark', async () => {
    await recordNotifiedIds(fixture.db, ['old', 'kept'], NOW - NOTIFIED_RETENTION_MS - 1, 1);
    await recordNotifiedIds(fixture.db, ['edge'], NOW - NOTIFIED_RETENTION_MS, 2);
    await recordNotifiedIds(fixture.db, ['kept'], NOW, 3);
    expect([...(await listNotifiedIds(fixture.db))]).toEqual(['edge']);
    expect(await readState(fixture.db, 'notifyWatermark')).toBe(3);
  });

  it('records more ids than fit one statement', async () => {
    const ids = Array.from({ length: 1234 }, (_, i) => `id-${i}`);
    await recordNotifiedIds(fixture.db, ids, NOW, 1);
    expect((await listNotifiedIds(fixture.db)).size).toBe(1234);
  });

  it("reads a post's community, author, author's role and question's author", async () => {
    await fixture.db
      .updateTable('memberships')
      .set({ role: 'leader' })
      .where('community_id', '=', TINY_CLUB)
      .where('person_id', '=', 'kim')
      .execute();
    await insertPost(fixture.db, { id: 'q1', authorId: ME, kind: 'question' });
    await insertPost(fixture.db, { id: 'a1', authorId: 'gus', kind: 'answer', parentId: 'q1' });
    await insertPost(fixture.db, { id: 'n1', authorId: 'kim', kind: 'announcement' });
    await insertPost(fixture.db, { id: 'x1', authorId: 'ann' });

    const items = await listNotificationCandidates(fixture.db, ['a1', 'n1', 'x1', 'missing']);
    expect(items.map((i) => [i.id, i.authorName, i.authorRole, i.parentAuthorId])).toEqual([
      ['a1', 'Gus', 'member', ME],
      ['n1', 'Kim', 'leader', null],
      ['x1', 'Ann', null, null],
    ]);
    expect(items[0]).toMatchObject({ communityId: TINY_CLUB, communityName: 'Tiny club', kind: 'answer' });
  });

  it('leaves out posts of archived communities', async () => {
    const archived = '00000000-0000-4000-8000-000000000002';
    await insertCommunity(fixture.db, archived, 'Old club', [ME, 'gus']);
    await fixture.db.updateTable('communities').set({ archived: 1 }).where('id', '=', archived).execute();
    await insertPost(fixture.db, { id: 'p1', authorId: 'gus', communityId: archived });
    expect(await listNotificationCandidates(fixture.db, ['p1'])).toEqual([]);
  });
});
