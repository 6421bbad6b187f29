import type { Kysely } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createEventHub } from '#core/events';
import { createNotifier } from '#core/notifications/notifier';
import type { LocalDb } from '#core/store/local-db';
import { readState } from '#core/store/local-state.repo';
import type { DesktopNotification } from '#shared/domain/notifications';
import { DEFAULT_SETTINGS } from '#shared/domain/settings';
import { insertCommunity, ME, openGraphFixture, TINY_CLUB } from '../../../support/graph-fixture.ts';

const HOUR = 60 * 60 * 1000;
const NOW = Date.UTC(2030, 0, 15, 12);
const BIG_GUILD = '00000000-0000-4000-8000-0000000000b1';

let nextSeq = 1;
async function insertPosts(db: Kysely<LocalDb>, communityId: string, count: number, createdAt: number) {
  const rows = Array.from({ length: count }, () => {
    const seq = ++nextSeq;
    return {
      id: `post-${seq}`,
      community_id: communityId,
      author_id: 'gus',
      kind: 'post',
      parent_id: null,
      title: null,
      body: `Post ${seq}`,
      event_starts_at: null,
      event_place: null,
      accepted_answer_id: null,
      created_at: createdAt,
      edited_at: null,
      seq,
    };
  });
  for (let i = 0; i < rows.length; i += 500)
    await db
      .insertInto('posts')
      .values(rows.slice(i, i + 500))
      .execute();
}

async function follow(db: Kysely<LocalDb>, communityId: string) {
  await db
    .insertInto('community_prefs')
    .values({ community_id: communityId, followed: 1, muted: 0, last_read_at: 0, updated_at: 0, seq: 1 })
    .execute();
}

describe('notifier: the rules over what each sync brought', () => {
  let fixture: Awaited<ReturnType<typeof openGraphFixture>>;
  let shown: DesktopNotification[];
  let clock: number;
  const notifier = () => {
    const events = createEventHub();
    events.on('notifications.shown', ({ items }) => shown.push(...items));
    return createNotifier({
      db: fixture.db,
      signedInPersonId: async () => ME,
      settings: async () => DEFAULT_SETTINGS,
      now: () => clock,
      localMinute: () => 12 * 60,
      emit: events.emit,
    });
  };

  beforeEach(async () => {
    fixture = await openGraphFixture();
    await insertCommunity(fixture.db, BIG_GUILD, 'Big guild', [ME, 'gus']);
    await follow(fixture.db, TINY_CLUB);
    await follow(fixture.db, BIG_GUILD);
    shown = [];
    clock = NOW;
  });
  afterEach(() => fixture.close());

  it('the first sync is history: it sets the line on the server clock and shows nothing', async () => {
    await insertPosts(fixture.db, TINY_CLUB, 5, NOW - 2 * HOUR);
    clock = NOW + HOUR; // this computer's clock runs an hour fast
    await notifier().afterSync();
    expect(shown).toEqual([]);
    expect(await readState(fixture.db, 'firstSyncAt')).toBe(NOW - 2 * HOUR + 1);

    // A post written a minute after that first sync (server time) is news, whatever this clock says.
    await insertPosts(fixture.db, TINY_CLUB, 1, NOW - 2 * HOUR + 60_000);
    await notifier().afterSync();
    expect(shown).toHaveLength(1);
  });

  it('judges a whole sync at once: 2,504 posts in one community and 4 in another are two summaries', async () => {
    await notifier().afterSync(); // the first sync: nothing yet
    await insertPosts(fixture.db, BIG_GUILD, 2000, NOW + HOUR);
    await insertPosts(fixture.db, TINY_CLUB, 2, NOW + HOUR);
    await insertPosts(fixture.db, BIG_GUILD, 504, NOW + HOUR);
    await insertPosts(fixture.db, TINY_CLUB, 2, NOW + HOUR);
    clock = NOW + 2 * HOUR;
    await notifier().afterSync();
    expect(shown.map((n) => [n.kind, n.communityId, n.body.split(' ')[0]])).toEqual([
      ['summary', BIG_GUILD, '2504'],
      ['summary', TINY_CLUB, '4'],
    ]);
    expect(await readState(fixture.db, 'notifyWatermark')).toBe(nextSeq);

    await notifier().afterSync(); // nothing new: nothing shown again
    expect(shown).toHaveLength(2);
  });

  it('reads only posts young enough to be news', async () => {
    await notifier().afterSync();
    await insertPosts(fixture.db, TINY_CLUB, 1, NOW - 8 * 24 * HOUR);
    await notifier().afterSync();
    expect(shown).toEqual([]);
    expect(await readState(fixture.db, 'notifyWatermark')).toBe(nextSeq);
  });
});
