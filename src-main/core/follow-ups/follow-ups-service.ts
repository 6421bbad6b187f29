import type { Kysely } from 'kysely';
import type { FollowUpItem, FollowUps } from '#shared/domain/note';
import type { LocalDb } from '../store/local-db.ts';
import { toLocalDay } from '../notes/local-day.ts';
import { listNotesDueBy } from '../notes/notes.repo.ts';
import { listKeepInTouchDueBy } from './keep-in-touch.repo.ts';

/** How far ahead "this week" reaches, in days after today. */
export const FOLLOW_UP_HORIZON_DAYS = 7;

export interface FollowUpsServiceOptions {
  db: Kysely<LocalDb>;
  now?: () => number;
}

/** What is due: notes' follow-up dates and keep-in-touch cadences, read from the local cache (works offline). */
export function createFollowUpsService({ db, now = Date.now }: FollowUpsServiceOptions) {
  return {
    /** Due items by bucket, as of today on this computer's clock; each bucket soonest first. */
    async listFollowUps(): Promise<FollowUps> {
      const time = now();
      const today = toLocalDay(time);
      const until = toLocalDay(time, FOLLOW_UP_HORIZON_DAYS);
      const [notes, keepInTouch] = await Promise.all([
        listNotesDueBy(db, until),
        listKeepInTouchDueBy(db, until),
      ]);
      const dated: { day: string; item: FollowUpItem }[] = [
        // never null: listNotesDueBy skips notes without a follow-up date
        ...notes.map((n) => ({ day: n.note.followUpAt ?? today, item: { kind: 'note' as const, ...n } })),
        ...keepInTouch.map((k) => ({ day: k.dueOn, item: { kind: 'keep_in_touch' as const, ...k } })),
      ];
      // A stable sort: on one day, notes keep their order and come before reminders.
      dated.sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : 0));
      const buckets: FollowUps = { overdue: [], today: [], thisWeek: [] };
      for (const { day, item } of dated) {
        (day < today ? buckets.overdue : day === today ? buckets.today : buckets.thisWeek).push(item);
      }
      return buckets;
    },
  };
}
export type FollowUpsService = ReturnType<typeof createFollowUpsService>;
