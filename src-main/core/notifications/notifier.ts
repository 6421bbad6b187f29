import type { Kysely } from 'kysely';
import type { DesktopNotification } from '#shared/domain/notifications';
import type { AppSettings } from '#shared/domain/settings';
import type { LocalDb } from '../store/local-db.ts';
import { readState, writeState } from '../store/local-state.repo.ts';
import {
  decideNotifications,
  MAX_ITEM_AGE_MS,
  type CommunityPrefState,
  type Me,
} from './notification-rules.ts';
import { listNotificationCandidates, listNotifiedIds, recordNotifiedIds } from './notified.repo.ts';

export interface NotifierOptions {
  db: Kysely<LocalDb>;
  signedInPersonId: () => Promise<string | null>;
  settings: () => Promise<AppSettings>;
  doNotDisturb?: () => boolean;
  now?: () => number;
  /** Local minutes since midnight at a time; the host's time zone by default. */
  localMinute?: (at: number) => number;
  onNotify: (items: DesktopNotification[]) => void;
}

/**
 * Runs the notification rules over what each sync brought: the posts past the watermark (the seq of the
 * last post already judged), all at once. The first sync of an account only sets the watermark and the first-sync time:
 * what it brought is history. Decision, notified ids and the new watermark are recorded in one transaction
 * before anything is shown, so a crash can lose a banner but never show one twice.
 */
export function createNotifier(options: NotifierOptions) {
  const { db } = options;
  const now = options.now ?? Date.now;
  const localMinute = options.localMinute ?? defaultLocalMinute;
  let running: Promise<void> = Promise.resolve();

  async function judgeNewPosts(): Promise<void> {
    const personId = await options.signedInPersonId();
    if (!personId) return;
    const { top, newestCreatedAt } = await readPostsHead(db);
    const firstSyncAt = await readState(db, 'firstSyncAt');
    const watermark = await readState(db, 'notifyWatermark');
    if (firstSyncAt === null || watermark === null) {
      await db.transaction().execute(async (trx) => {
        // On the server's clock where the first sync brought posts: a local clock running fast must not
        // push the line past posts written just after it.
        if (firstSyncAt === null) {
          await writeState(trx, 'firstSyncAt', Math.min(now(), (newestCreatedAt ?? Infinity) + 1));
        }
        await writeState(trx, 'notifyWatermark', top);
      });
      return;
    }
    if (top <= watermark) return;

    // The whole sync is judged at once, however many posts it brought: "more than 3 from one community"
    // is one summary for the sync, not one per page. Only posts young enough to be news are read.
    const at = now();
    const fresh = await db
      .selectFrom('posts')
      .select('id')
      .where('seq', '>', watermark)
      .where('seq', '<=', top)
      .where('created_at', '>=', at - MAX_ITEM_AGE_MS)
      .execute();
    const me = await readMe(db, personId);
    const [items, prefs, notified, settings] = await Promise.all([
      me
        ? listNotificationCandidates(
            db,
            fresh.map((p) => p.id),
          )
        : [],
      readPrefs(db),
      listNotifiedIds(db),
      options.settings(),
    ]);
    const decision = me
      ? decideNotifications({
          items,
          me,
          prefs,
          settings: { ...settings, doNotDisturb: options.doNotDisturb?.() ?? false },
          now: at,
          localMinute: localMinute(at),
          firstSyncAt,
          notified,
        })
      : { notifications: [], notifiedIds: [] };
    await recordNotifiedIds(db, decision.notifiedIds, at, top);
    if (decision.notifications.length) options.onNotify(decision.notifications);
  }

  return {
    /** After a sync completed: judge what it brought. One run at a time; a failure is logged, never thrown. */
    afterSync(): Promise<void> {
      running = running.then(judgeNewPosts).catch((err: unknown) => {
        console.error('Kith: deciding notifications failed', err);
      });
      return running;
    },
  };
}
export type Notifier = ReturnType<typeof createNotifier>;

function defaultLocalMinute(at: number): number {
  const d = new Date(at);
  return d.getHours() * 60 + d.getMinutes();
}

/** The newest seq among the cached posts, and the newest creation time (server clock). */
async function readPostsHead(db: Kysely<LocalDb>) {
  const row = await db
    .selectFrom('posts')
    .select((eb) => [eb.fn.max('seq').as('top'), eb.fn.max('created_at').as('newest')])
    .executeTakeFirst();
  return { top: Number(row?.top ?? 0), newestCreatedAt: row?.newest == null ? null : Number(row.newest) };
}

async function readMe(db: Kysely<LocalDb>, personId: string): Promise<Me | null> {
  const row = await db
    .selectFrom('people')
    .select(['id', 'name', 'email'])
    .where('id', '=', personId)
    .executeTakeFirst();
  return row ?? null;
}

async function readPrefs(db: Kysely<LocalDb>): Promise<Map<string, CommunityPrefState>> {
  const rows = await db
    .selectFrom('community_prefs')
    .select(['community_id', 'followed', 'muted', 'last_read_at'])
    .execute();
  return new Map(
    rows.map((r) => [
      r.community_id,
      { followed: r.followed === 1, muted: r.muted === 1, lastReadAt: r.last_read_at },
    ]),
  );
}
