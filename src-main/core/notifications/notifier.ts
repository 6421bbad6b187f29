import type { Kysely } from 'kysely';
import type { AppSettings } from '#shared/domain/settings';
import type { ReadDb } from '#shared/node/open-database';
import type { EmitEvent } from '../events.ts';
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
  /** Says 'notifications.shown' with what was just decided. */
  emit: EmitEvent;
}

/**
 * Runs the notification rules over what each sync brought, all at once: the posts past the watermark (the
 * seq of the last post already judged). The first sync of an account only sets the watermark and the
 * first-sync time: what it brought is history. Decision, notified ids and the new watermark are recorded in
 * one transaction before anything is shown, so a crash can lose a banner but never show one twice.
 */
export function createNotifier(options: NotifierOptions) {
  const { db } = options;
  const now = options.now ?? Date.now;
  const localMinute = options.localMinute ?? defaultLocalMinute;
  let running: Promise<void> = Promise.resolve();

  async function judgeNewPosts(): Promise<void> {
    const personId = await options.signedInPersonId();
    if (!personId) return;
    const top = await readTopPostSeq(db);
    const firstSyncAt = await readState(db, 'firstSyncAt');
    const watermark = await readState(db, 'notifyWatermark');
    if (firstSyncAt === null || watermark === null) {
      await db.transaction().execute(async (trx) => {
        // On the server's clock where the first sync brought posts: a local clock running fast must not
        // push the line past posts written just after it.
        if (firstSyncAt === null) {
          const newest = await readNewestPostTime(trx);
          await writeState(trx, 'firstSyncAt', Math.min(now(), (newest ?? Infinity) + 1));
        }
        await writeState(trx, 'notifyWatermark', top);
      });
      return;
    }
    if (top <= watermark) return;

    const at = now();
    const me = await readMe(db, personId);
    const decision = me
      ? await decide({ me, after: watermark, upTo: top, firstSyncAt, at })
      : { notifications: [], notifiedIds: [] };
    await recordNotifiedIds(db, decision.notifiedIds, at, top);
    if (decision.notifications.length) options.emit('notifications.shown', { items: decision.notifications });
  }

  /**
   * The whole sync at once, however many posts it brought: "more than 3 from one community" is one summary
   * for the sync. Only posts young enough to be news are read.
   */
  async function decide(input: { me: Me; after: number; upTo: number; firstSyncAt: number; at: number }) {
    const { me, at } = input;
    const fresh = await db
      .selectFrom('posts')
      .select('id')
      .where('seq', '>', input.after)
      .where('seq', '<=', input.upTo)
      .where('created_at', '>=', at - MAX_ITEM_AGE_MS)
      .execute();
    const [items, prefs, notified, settings] = await Promise.all([
      listNotificationCandidates(
        db,
        fresh.map((p) => p.id),
      ),
      readPrefs(db),
      listNotifiedIds(db),
      options.settings(),
    ]);
    return decideNotifications({
      items,
      me,
      prefs,
      settings: { ...settings, doNotDisturb: options.doNotDisturb?.() ?? false },
      now: at,
      localMinute: localMinute(at),
      firstSyncAt: input.firstSyncAt,
      notified,
    });
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

/** The newest seq among the cached posts (posts_seq): read after every sync. */
async function readTopPostSeq(db: Kysely<LocalDb>): Promise<number> {
  const row = await db
    .selectFrom('posts')
    .select((eb) => eb.fn.max('seq').as('top'))
    .executeTakeFirst();
  return Number(row?.top ?? 0);
}

/** The newest post's creation time (server clock): a scan, so only once, at an account's first sync. */
async function readNewestPostTime(db: ReadDb<LocalDb>): Promise<number | null> {
  const row = await db
    .selectFrom('posts')
    .select((eb) => eb.fn.max('created_at').as('newest'))
    .executeTakeFirst();
  return row?.newest == null ? null : Number(row.newest);
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
