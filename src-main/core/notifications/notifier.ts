import type { Kysely } from 'kysely';
import type { DesktopNotification } from '#shared/domain/notifications';
import type { AppSettings } from '#shared/domain/settings';
import type { LocalDb } from '../store/local-db.ts';
import { readState, writeState } from '../store/local-state.repo.ts';
import { decideNotifications, type CommunityPrefState, type Me } from './notification-rules.ts';
import { listNotificationCandidates, listNotifiedIds, recordNotifiedIds } from './notified.repo.ts';

/** Posts read per statement when a sync brought many (a laptop back after a week away). */
const PAGE = 2000;

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
 * last post already judged). The first sync of an account only sets the watermark and the first-sync time:
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
    const top = await maxPostSeq(db);
    const firstSyncAt = await readState(db, 'firstSyncAt');
    const watermark = await readState(db, 'notifyWatermark');
    if (firstSyncAt === null || watermark === null) {
      await db.transaction().execute(async (trx) => {
        if (firstSyncAt === null) await writeState(trx, 'firstSyncAt', now());
        await writeState(trx, 'notifyWatermark', top);
      });
      return;
    }
    if (top <= watermark) return;

    const me = await readMe(db, personId);
    const [prefs, notified, settings] = await Promise.all([
      readPrefs(db),
      listNotifiedIds(db),
      options.settings(),
    ]);
    const at = now();
    const shown: DesktopNotification[] = [];
    for (let after = watermark; after < top;) {
      const page = await db
        .selectFrom('posts')
        .select(['id', 'seq'])
        .where('seq', '>', after)
        .where('seq', '<=', top)
        .orderBy('seq')
        .limit(PAGE)
        .execute();
      if (page.length === 0) break;
      after = page[page.length - 1]?.seq ?? top;
      const items = me
        ? await listNotificationCandidates(
            db,
            page.map((p) => p.id),
          )
        : [];
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
      await recordNotifiedIds(db, decision.notifiedIds, at, after);
      for (const id of decision.notifiedIds) notified.add(id);
      shown.push(...decision.notifications);
    }
    if (shown.length) options.onNotify(shown);
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

async function maxPostSeq(db: Kysely<LocalDb>): Promise<number> {
  const row = await db
    .selectFrom('posts')
    .select((eb) => eb.fn.max('seq').as('top'))
    .executeTakeFirst();
  return Number(row?.top ?? 0);
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
