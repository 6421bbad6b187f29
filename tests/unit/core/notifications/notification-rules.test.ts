import { describe, expect, it } from 'vitest';
import {
  buildPostRoute,
  decideNotifications,
  isMentioned,
  type NotificationInput,
  type SyncedItem,
} from '#core/notifications/notification-rules';
import { threadHref } from '../../../../src-renderer/components/communities/post-href.ts';

const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;
const NOW = Date.UTC(2030, 0, 15, 12);
const FIRST_SYNC = NOW - 3 * DAY;
const ME = { id: 'me', name: 'Ada Lovelace', email: 'ada.lovelace@example.com' };
const FOLLOWED = 'c-followed';
const MUTED = 'c-muted';
const UNFOLLOWED = 'c-unfollowed';
const OTHER_FOLLOWED = 'c-other';

let seq = 0;
function makeItem(overrides: Partial<SyncedItem> = {}): SyncedItem {
  seq += 1;
  return {
    id: `p${seq}`,
    communityId: FOLLOWED,
    communityName: 'Platform guild',
    authorId: 'bob',
    authorName: 'Bob',
    authorRole: 'member',
    kind: 'post',
    parentId: null,
    parentAuthorId: null,
    title: null,
    body: 'Shipping the new build pipeline today',
    eventStartsAt: null,
    createdAt: NOW - HOUR,
    ...overrides,
  };
}

function makeInput(items: SyncedItem[], overrides: Partial<NotificationInput> = {}): NotificationInput {
  return {
    items,
    me: ME,
    prefs: new Map([
      [FOLLOWED, { followed: true, muted: false }],
      [OTHER_FOLLOWED, { followed: true, muted: false }],
      [MUTED, { followed: true, muted: true }],
    ]),
    settings: { quietHours: null, pausedUntil: null, doNotDisturb: false },
    now: NOW,
    localMinute: 12 * 60,
    firstSyncAt: FIRST_SYNC,
    notified: new Set(),
    ...overrides,
  };
}

const QUIET_NIGHT = { start: 22 * 60, end: 7 * 60 };
const off = { quietHours: null, pausedUntil: null, doNotDisturb: false };
const myAnswer = { kind: 'answer' as const, parentId: 'q1', parentAuthorId: 'me' };

type Row = [
  rule: string,
  item: Partial<SyncedItem>,
  input: Partial<NotificationInput>,
  expected: { shown: boolean; title?: string; recorded?: boolean },
];

const rows: Row[] = [
  ['a post in a followed community', {}, {}, { shown: true, title: 'Bob posted in Platform guild' }],
  ['my own post', { authorId: 'me' }, {}, { shown: false }],
  [
    'a post already read in the app (at the read marker)',
    { createdAt: NOW - HOUR },
    { prefs: new Map([[FOLLOWED, { followed: true, muted: false, lastReadAt: NOW - HOUR }]]) },
    { shown: false },
  ],
  [
    'a post after the read marker',
    { createdAt: NOW - HOUR },
    { prefs: new Map([[FOLLOWED, { followed: true, muted: false, lastReadAt: NOW - HOUR - 1 }]]) },
    { shown: true },
  ],
  [
    'an answer to my question already read in the app',
    { ...myAnswer, communityId: UNFOLLOWED, createdAt: NOW - HOUR },
    { prefs: new Map([[UNFOLLOWED, { followed: false, muted: false, lastReadAt: NOW }]]) },
    { shown: false },
  ],
  [
    'an item 7 days old to the millisecond',
    { createdAt: NOW - 7 * DAY },
    { firstSyncAt: 0 },
    { shown: true },
  ],
  ['an item older than 7 days', { createdAt: NOW - 7 * DAY - 1 }, { firstSyncAt: 0 }, { shown: false }],
  ['an item from before the first sync', { createdAt: FIRST_SYNC - 1 }, {}, { shown: false }],
  ['an item from the first sync itself', { createdAt: FIRST_SYNC }, {}, { shown: true }],
  ['an item already notified', { id: 'seen' }, { notified: new Set(['seen']) }, { shown: false }],
  ['a post in a muted community', { communityId: MUTED }, {}, { shown: false }],
  ['a post in an unfollowed community', { communityId: UNFOLLOWED }, {}, { shown: false }],
  [
    'an answer to my question in an unfollowed community',
    { ...myAnswer, communityId: UNFOLLOWED },
    {},
    { shown: true, title: 'Bob answered your question' },
  ],
  ['an answer to my question in a muted community', { ...myAnswer, communityId: MUTED }, {}, { shown: true }],
  [
    "an answer to someone else's question",
    { kind: 'answer', parentId: 'q2', parentAuthorId: 'cat' },
    {},
    { shown: false },
  ],
  [
    'a mention by @full name in an unfollowed community',
    { communityId: UNFOLLOWED, body: 'Thoughts, @Ada Lovelace?' },
    {},
    { shown: true, title: 'Bob mentioned you in Platform guild' },
  ],
  ['a mention in a muted community', { communityId: MUTED, body: 'cc @ada.lovelace' }, {}, { shown: true }],
  ['a leader announcement', { kind: 'announcement', authorRole: 'leader' }, {}, { shown: true }],
  ['a member announcement', { kind: 'announcement', authorRole: 'member' }, {}, { shown: false }],
  ['a moderator announcement', { kind: 'announcement', authorRole: 'moderator' }, {}, { shown: false }],
  ['an announcement by a former member', { kind: 'announcement', authorRole: null }, {}, { shown: false }],
  [
    'a leader announcement in a muted community',
    { kind: 'announcement', authorRole: 'leader', communityId: MUTED },
    {},
    { shown: false },
  ],
  ['an event starting within 24 h', { kind: 'event', eventStartsAt: NOW + 23 * HOUR }, {}, { shown: true }],
  ['an event starting in exactly 24 h', { kind: 'event', eventStartsAt: NOW + DAY }, {}, { shown: true }],
  [
    'an event starting later than 24 h',
    { kind: 'event', eventStartsAt: NOW + DAY + 1 },
    {},
    { shown: false },
  ],
  ['an event already under way', { kind: 'event', eventStartsAt: NOW - 1 }, {}, { shown: false }],
  [
    'a question in a followed community',
    { kind: 'question', title: 'Which CI?' },
    {},
    { shown: true, title: 'Bob asked in Platform guild' },
  ],
  [
    'a best practice in a followed community',
    { kind: 'best_practice' },
    {},
    { shown: true, title: 'Bob shared a best practice in Platform guild' },
  ],
  [
    'a job opening in a followed community',
    { kind: 'job_opening', title: 'SRE, Lyon' },
    {},
    { shown: true, title: 'New job opening in Platform guild' },
  ],
  [
    'a mention while paused',
    { body: '@Ada Lovelace look' },
    { settings: { ...off, pausedUntil: NOW + HOUR } },
    { shown: false, recorded: true },
  ],
  [
    'an answer to me while paused',
    myAnswer,
    { settings: { ...off, pausedUntil: NOW + HOUR } },
    { shown: false, recorded: true },
  ],
  ['a post once the pause has ended', {}, { settings: { ...off, pausedUntil: NOW } }, { shown: true }],
  [
    'a mention under OS do-not-disturb',
    { body: 'Ada Lovelace, ping' },
    { settings: { ...off, doNotDisturb: true } },
    { shown: false, recorded: true },
  ],
  [
    'a post at 23:30 in quiet hours 22:00–07:00',
    {},
    { settings: { ...off, quietHours: QUIET_NIGHT }, localMinute: 23 * 60 + 30 },
    { shown: false, recorded: true },
  ],
  [
    'a post at 06:59 in quiet hours 22:00–07:00',
    {},
    { settings: { ...off, quietHours: QUIET_NIGHT }, localMinute: 6 * 60 + 59 },
    { shown: false, recorded: true },
  ],
  [
    'a post at 07:00, as quiet hours 22:00–07:00 end',
    {},
    { settings: { ...off, quietHours: QUIET_NIGHT }, localMinute: 7 * 60 },
    { shown: true },
  ],
  [
    'a post at 21:59, before quiet hours 22:00–07:00',
    {},
    { settings: { ...off, quietHours: QUIET_NIGHT }, localMinute: 21 * 60 + 59 },
    { shown: true },
  ],
  [
    'a post at 13:00 in quiet hours 12:00–14:00',
    {},
    { settings: { ...off, quietHours: { start: 12 * 60, end: 14 * 60 } }, localMinute: 13 * 60 },
    { shown: false, recorded: true },
  ],
  [
    'a post when quiet hours start and end at the same minute',
    {},
    { settings: { ...off, quietHours: { start: 600, end: 600 } }, localMinute: 600 },
    { shown: true },
  ],
  ['a post at 03:00 with quiet hours off (the default)', {}, { localMinute: 3 * 60 }, { shown: true }],
];

describe('decideNotifications', () => {
  it.each(rows)('%s', (_rule, itemOverrides, inputOverrides, expected) => {
    const item = makeItem(itemOverrides);
    const result = decideNotifications(makeInput([item], inputOverrides));
    expect(result.notifications.map((n) => n.id)).toEqual(expected.shown ? [`post:${item.id}`] : []);
    if (expected.title) expect(result.notifications[0]?.title).toBe(expected.title);
    const recorded = expected.shown || expected.recorded === true;
    expect(result.notifiedIds).toEqual(recorded ? [item.id] : []);
    expect(result.silenced).toBe(expected.recorded ? 1 : 0);
  });

  it.each([
    [3, 3, 'item'],
    [4, 1, 'summary'],
    [50, 1, 'summary'],
  ])('turns %i posts from one community into %i %s notification(s)', (count, shown, kind) => {
    const items = Array.from({ length: count }, () => makeItem());
    const result = decideNotifications(makeInput(items));
    expect(result.notifications).toHaveLength(shown);
    expect(result.notifications.every((n) => n.kind === kind)).toBe(true);
    expect(result.notifiedIds).toEqual(items.map((i) => i.id));
  });

  it('summarises per community and routes the summary to the community', () => {
    const busy = Array.from({ length: 5 }, (_, i) => makeItem({ authorName: `Author ${i}` }));
    const quiet = [makeItem({ communityId: OTHER_FOLLOWED }), makeItem({ communityId: OTHER_FOLLOWED })];
    const result = decideNotifications(makeInput([...busy, ...quiet]));
    expect(result.notifications.map((n) => [n.kind, n.communityId])).toEqual([
      ['summary', FOLLOWED],
      ['item', OTHER_FOLLOWED],
      ['item', OTHER_FOLLOWED],
    ]);
    expect(result.notifications[0]).toMatchObject({
      title: 'Platform guild',
      body: '5 new posts from Author 0, Author 1 and others',
      route: `/communities/${FOLLOWED}`,
    });
  });

  it('keeps a mention single and leaves it out of the community count', () => {
    const items = [
      makeItem({ body: 'over to @Ada Lovelace' }),
      ...Array.from({ length: 3 }, () => makeItem()),
    ];
    const result = decideNotifications(makeInput(items));
    expect(result.notifications.map((n) => n.kind)).toEqual(['item', 'item', 'item', 'item']);
    expect(result.notifications[0]?.title).toBe('Bob mentioned you in Platform guild');
  });

  it('records silenced items so they never pop up after the quiet time', () => {
    const items = Array.from({ length: 6 }, () => makeItem());
    const night = makeInput(items, { settings: { ...off, quietHours: QUIET_NIGHT }, localMinute: 23 * 60 });
    const silenced = decideNotifications(night);
    expect(silenced).toMatchObject({ notifications: [], silenced: 6 });
    const morning = makeInput(items, { localMinute: 9 * 60, notified: new Set(silenced.notifiedIds) });
    expect(decideNotifications(morning).notifications).toEqual([]);
  });

  it("opens an answer in its question's thread, as the renderer's threadHref does", () => {
    const answer = makeItem({ ...myAnswer, parentId: 'q 1' });
    const [shown] = decideNotifications(makeInput([answer])).notifications;
    expect(shown?.route).toBe(threadHref(FOLLOWED, answer.id, 'q 1'));
    expect(buildPostRoute('c', 'p', null)).toBe(threadHref('c', 'p'));
  });

  it('shows the title, or the start of the body without Markdown marks', () => {
    const titled = makeItem({ kind: 'question', title: 'Which CI?', body: 'Long story' });
    const long = makeItem({ body: `**Bold** ${'word '.repeat(60)}` });
    const [first, second] = decideNotifications(makeInput([titled, long])).notifications;
    expect(first?.body).toBe('Which CI?');
    expect(second?.body.startsWith('Bold word word')).toBe(true);
    expect(second?.body.length).toBeLessThanOrEqual(140);
    expect(second?.body.endsWith('…')).toBe(true);
  });
});

describe('isMentioned', () => {
  it.each([
    ['@Ada Lovelace can you look?', true],
    ['thanks ada  lovelace!', true],
    ['Thanks Ádà Lovelace', true],
    ['@ada.lovelace please review', true],
    ['ping @ADA.LOVELACE.', true],
    ['Ada, can you look?', false],
    ['Ada Lovelacey wrote this', false],
    ['mail ada.lovelace@example.com', false],
    ['@ada.lovelace2 is someone else', false],
    ['@ada.lovelace.bot is a bot', false],
    ['Lovelace Ada', false],
  ])('%s → %s', (text, expected) => {
    expect(isMentioned(ME, text)).toBe(expected);
  });
});
