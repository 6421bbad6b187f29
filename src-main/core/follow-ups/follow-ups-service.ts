import type { Kysely } from 'kysely';
import { FOLLOW_UPS_PER_BUCKET_MAX, type FollowUpItem, type FollowUps } from '#shared/domain/note';
import type { ContractHandlers } from '#shared/ipc/contract';
import { toLocalDay } from '#shared/local-day';
import type { LocalDb } from '../store/local-db.ts';
import { countNoteFollowUps, listNoteFollowUps, type DayRange } from '../notes/notes.repo.ts';
import { countKeepInTouchDue, listKeepInTouchDue } from './keep-in-touch.repo.ts';

/** How far ahead "this week" reaches, in days after today. */
export const FOLLOW_UP_HORIZON_DAYS = 7;

export interface FollowUpsServiceOptions {
  db: Kysely<LocalDb>;
  now?: () => number;
}

type Bucket = Exclude<keyof FollowUps, 'totals'>;

/** What is due: notes' follow-up dates and keep-in-touch cadences, read from the local cache (works offline). */
export function createFollowUpsService({ db, now = Date.now }: FollowUpsServiceOptions) {
  /**
   * One bucket: the soonest notes and reminders of its days merged by day (a stable sort: on one day, notes
   * keep their order and come before reminders), the first FOLLOW_UPS_PER_BUCKET_MAX of them, and how many in all.
   */
  async function listBucket(range: DayRange): Promise<{ items: FollowUpItem[]; total: number }> {
    const limit = FOLLOW_UPS_PER_BUCKET_MAX;
    const [notes, keepInTouch, noteCount, keepInTouchCount] = await Promise.all([
      listNoteFollowUps(db, range, limit),
      listKeepInTouchDue(db, range, limit),
      countNoteFollowUps(db, range),
      countKeepInTouchDue(db, range),
    ]);
    const dated: { day: string; item: FollowUpItem }[] = [
      // never null: listNoteFollowUps skips notes without a follow-up date
      ...notes.map((n) => ({ day: n.note.followUpAt ?? range.to, item: { kind: 'note' as const, ...n } })),
      ...keepInTouch.map((k) => ({ day: k.dueOn, item: { kind: 'keep_in_touch' as const, ...k } })),
    ];
    dated.sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : 0));
    return { items: dated.slice(0, limit).map((d) => d.item), total: noteCount + keepInTouchCount };
  }

  return {
    /** Due items by bucket, as of today on this computer's clock; each bucket soonest first. */
    async listFollowUps(): Promise<FollowUps> {
      const time = now();
      const today = toLocalDay(time);
      const ranges: Record<Bucket, DayRange> = {
        overdue: { from: null, to: toLocalDay(time, -1) },
        today: { from: today, to: today },
        thisWeek: { from: toLocalDay(time, 1), to: toLocalDay(time, FOLLOW_UP_HORIZON_DAYS) },
      };
      const [overdue, todays, thisWeek] = await Promise.all([
        listBucket(ranges.overdue),
        listBucket(ranges.today),
        listBucket(ranges.thisWeek),
      ]);
      return {
        overdue: overdue.items,
        today: todays.items,
        thisWeek: thisWeek.items,
        totals: { overdue: overdue.total, today: todays.total, thisWeek: thisWeek.total },
      };
    },
  };
}
export type FollowUpsService = ReturnType<typeof createFollowUpsService>;

export const followUpsHandlers = (followUps: FollowUpsService): ContractHandlers['followUps'] => ({
  list: () => followUps.listFollowUps(),
});
