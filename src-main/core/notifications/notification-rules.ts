import type { CommunityRole, PostKind } from '#shared/domain/community';
import type { DesktopNotification } from '#shared/domain/notifications';
import type { QuietHours } from '#shared/domain/settings';

/**
 * Which new items of one sync deserve a desktop notification: a pure decision, so the shell only shows
 * what this returns. Precedence, first match wins:
 *   1. already notified, my own post, already read in the app (at or before the community's read marker),
 *      older than 7 days, or created before the first sync → never.
 *   2. paused, quiet hours or OS do-not-disturb → silenced: nothing is shown, but the items count as
 *      notified, so they never pop up later (as Slack and Element do: the missed activity waits in the
 *      unread counts, not in a burst of banners when the quiet time ends).
 *   3. personal (an answer to my question, a mention of me) → shown whatever the follow and mute state.
 *   4. otherwise only in a community I follow and have not muted; there an announcement counts only
 *      from a leader, an event only if it starts within 24 hours, an answer to someone else's question
 *      never (a reply in another's thread, as Slack treats threads), any other kind always.
 *   5. more than 3 community items from one community → one summary for that community instead;
 *      personal items always stay single.
 */

/** A post of this sync with what the rules need to know about it. */
export interface SyncedItem {
  id: string;
  communityId: string;
  communityName: string;
  authorId: string;
  authorName: string;
  /** The author's active role in the community now; null when not an active member. */
  authorRole: CommunityRole | null;
  kind: PostKind;
  parentId: string | null;
  /** For an answer: who asked the question. */
  parentAuthorId: string | null;
  title: string | null;
  body: string;
  eventStartsAt: number | null;
  createdAt: number;
}

export interface NotificationSettings {
  /** null: off (the default). */
  quietHours: QuietHours | null;
  /** Notifications are paused until this time (ms); null or past: not paused. */
  pausedUntil: number | null;
  /** The OS reports do-not-disturb (false where Electron cannot tell). */
  doNotDisturb: boolean;
}

export interface CommunityPrefState {
  followed: boolean;
  muted: boolean;
  /** The community's read marker: what was created up to it has been seen in the app (0 or absent: none). */
  lastReadAt?: number;
}

/** Who I am, for own posts, answers and mentions; email gives the handle (@ada.lovelace). */
export interface Me {
  id: string;
  name: string;
  email: string;
}

export interface NotificationInput {
  items: readonly SyncedItem[];
  me: Me;
  /** By community id; a community missing here is neither followed nor muted. */
  prefs: ReadonlyMap<string, CommunityPrefState>;
  settings: NotificationSettings;
  now: number;
  /** Local minutes since midnight at `now` (the caller knows the time zone; the rules stay pure). */
  localMinute: number;
  /** When the first sync of this cache completed: the snapshot's posts are history, not news. */
  firstSyncAt: number;
  notified: ReadonlySet<string>;
}

export type NotificationReason = 'answer' | 'mention' | 'announcement' | 'event' | 'new';

export interface NotificationDecision {
  notifications: DesktopNotification[];
  /** Items now notified (shown, summarised or silenced): the caller persists them. */
  notifiedIds: string[];
  /** How many would have been shown but were silenced by pause, quiet hours or do-not-disturb. */
  silenced: number;
}

export const MAX_ITEM_AGE_MS = 7 * 24 * 60 * 60 * 1000;
export const EVENT_WINDOW_MS = 24 * 60 * 60 * 1000;
/** More community items than this from one community in one sync become one summary. */
export const SUMMARY_THRESHOLD = 3;
const EXCERPT_MAX = 140;

/** Decides what to show for one sync's new items; see the precedence at the top of this file. */
export function decideNotifications(input: NotificationInput): NotificationDecision {
  const chosen: { item: SyncedItem; reason: NotificationReason }[] = [];
  for (const item of input.items) {
    if (!isFreshNews(item, input)) continue;
    const reason = classifyItem(item, input);
    if (reason) chosen.push({ item, reason });
  }
  const notifiedIds = chosen.map((c) => c.item.id);
  if (isSilenced(input.settings, input.now, input.localMinute)) {
    return { notifications: [], notifiedIds, silenced: chosen.length };
  }

  const personal = chosen.filter((c) => isPersonal(c.reason));
  const byCommunity = groupByCommunity(chosen.filter((c) => !isPersonal(c.reason)));
  const notifications = personal.map((c) => buildItemPayload(c.item, c.reason));
  for (const [communityId, group] of byCommunity) {
    if (group.length > SUMMARY_THRESHOLD)
      notifications.push(buildSummaryPayload(communityId, group, input.now));
    else notifications.push(...group.map((c) => buildItemPayload(c.item, c.reason)));
  }
  return { notifications, notifiedIds, silenced: 0 };
}

/** Pause, quiet hours and the OS's do-not-disturb silence everything, mentions included. */
export function isSilenced(settings: NotificationSettings, now: number, localMinute: number): boolean {
  if (settings.pausedUntil !== null && settings.pausedUntil > now) return true;
  if (settings.doNotDisturb) return true;
  return settings.quietHours !== null && isWithinQuietHours(settings.quietHours, localMinute);
}

/** start == end is an empty window, so a half-set schedule never silences the whole day. */
export function isWithinQuietHours({ start, end }: QuietHours, minute: number): boolean {
  if (start === end) return false;
  return start < end ? minute >= start && minute < end : minute >= start || minute < end;
}

/**
 * A mention: `@` followed by my full name or by my handle (the part of my email before `@`), or my full
 * name written out; case- and accent-insensitive, whole words only, in the title or the body. A first
 * name alone is not a mention: too many people share one.
 */
export function isMentioned(me: Me, text: string): boolean {
  const name = foldText(me.name).replace(/\s+/g, ' ').trim();
  const handle = foldText(me.email.split('@')[0] ?? '');
  const patterns = [
    name && `@?${escapeRegExp(name).replace(/ /g, '\\s+')}`,
    handle && `@${escapeRegExp(handle)}`,
  ];
  const alternatives = patterns.filter(Boolean).join('|');
  if (!alternatives) return false;
  const word = new RegExp(
    `(?<![\\p{L}\\p{N}_.@])(?:${alternatives})(?![\\p{L}\\p{N}_]|\\.[\\p{L}\\p{N}])`,
    'u',
  );
  return word.test(foldText(text));
}

/** The route that opens a post: its thread, or for an answer its question's thread (as the renderer's threadHref). */
export function buildPostRoute(communityId: string, postId: string, parentId: string | null): string {
  return `/communities/${encodeURIComponent(communityId)}/posts/${encodeURIComponent(parentId ?? postId)}`;
}

export function buildCommunityRoute(communityId: string): string {
  return `/communities/${encodeURIComponent(communityId)}`;
}

function isFreshNews(item: SyncedItem, input: NotificationInput): boolean {
  if (input.notified.has(item.id) || item.authorId === input.me.id) return false;
  if (item.createdAt <= (input.prefs.get(item.communityId)?.lastReadAt ?? 0)) return false; // seen in the app
  return item.createdAt >= input.firstSyncAt && input.now - item.createdAt <= MAX_ITEM_AGE_MS;
}

function classifyItem(item: SyncedItem, input: NotificationInput): NotificationReason | null {
  if (item.kind === 'answer' && item.parentAuthorId === input.me.id) return 'answer';
  if (isMentioned(input.me, `${item.title ?? ''}\n${item.body}`)) return 'mention';
  const pref = input.prefs.get(item.communityId);
  if (!pref?.followed || pref.muted) return null;
  switch (item.kind) {
    case 'announcement':
      return item.authorRole === 'leader' ? 'announcement' : null;
    case 'event':
      return isStartingSoon(item.eventStartsAt, input.now) ? 'event' : null;
    case 'answer':
      return null;
    default:
      return 'new';
  }
}

/** An event already under way is no longer news; one further than a day out is not yet. */
function isStartingSoon(startsAt: number | null, now: number): boolean {
  return startsAt !== null && startsAt >= now && startsAt - now <= EVENT_WINDOW_MS;
}

function isPersonal(reason: NotificationReason): boolean {
  return reason === 'answer' || reason === 'mention';
}

function groupByCommunity<T extends { item: SyncedItem }>(chosen: T[]): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const c of chosen) {
    const group = groups.get(c.item.communityId) ?? [];
    group.push(c);
    groups.set(c.item.communityId, group);
  }
  return groups;
}

function buildItemPayload(item: SyncedItem, reason: NotificationReason): DesktopNotification {
  const where = item.communityName;
  const titles: Record<NotificationReason, string> = {
    answer: `${item.authorName} answered your question`,
    mention: `${item.authorName} mentioned you in ${where}`,
    announcement: `Announcement in ${where}`,
    event: `Event soon in ${where}`,
    new: describeNewItem(item),
  };
  return {
    id: `post:${item.id}`,
    communityId: item.communityId,
    title: titles[reason],
    body: buildExcerpt(item),
    route: buildPostRoute(item.communityId, item.id, item.parentId),
    kind: 'item',
  };
}

/** What a new item is, in the words of its kind. */
function describeNewItem(item: SyncedItem): string {
  const where = item.communityName;
  switch (item.kind) {
    case 'question':
      return `${item.authorName} asked in ${where}`;
    case 'best_practice':
      return `${item.authorName} shared a best practice in ${where}`;
    case 'job_opening':
      return `New job opening in ${where}`;
    default:
      return `${item.authorName} posted in ${where}`;
  }
}

function buildSummaryPayload(
  communityId: string,
  group: { item: SyncedItem }[],
  now: number,
): DesktopNotification {
  const authors = [...new Set(group.map((c) => c.item.authorName))];
  const who = authors.length <= 2 ? authors.join(' and ') : `${authors[0]}, ${authors[1]} and others`;
  return {
    id: `summary:${communityId}:${now}`,
    communityId,
    title: group[0]?.item.communityName ?? '',
    body: `${group.length} new posts from ${who}`,
    route: buildCommunityRoute(communityId),
    kind: 'summary',
  };
}

/** The title when there is one, else the body's first words without Markdown's marks. */
function buildExcerpt(item: SyncedItem): string {
  const text = (item.title ?? item.body)
    .replace(/[*_`#>~[\]]|\(https?:[^)]*\)/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  return text.length <= EXCERPT_MAX ? text : `${text.slice(0, EXCERPT_MAX - 1).trimEnd()}…`;
}

function foldText(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
