import { sql } from 'kysely';
import type { Connection } from '#shared/domain/connection';
import type { PersonSummary } from '#shared/domain/person';
import { fromConnectionColumns } from '#shared/node/connection-columns';
import type { ReadDb } from '#shared/node/open-database';
import { PERSON_SUMMARY_COLUMNS, toSummary } from '../directory/directory.repo.ts';
import type { DayRange } from '../notes/notes.repo.ts';
import type { LocalDb } from '../store/local-db.ts';

export interface KeepInTouchDue {
  connection: Connection;
  person: PersonSummary;
  /** YYYY-MM-DD: the last interaction (else "known since", else the day of the last edit) plus the cadence. */
  dueOn: string;
}

/**
 * The day a keep-in-touch reminder falls due (null without a cadence), in SQL over `connections as c`, as
 * keepInTouchDueOn computes it in TypeScript. The day of the last edit is taken in this computer's
 * time zone ('localtime'), as toLocalDay does.
 */
export const KEEP_IN_TOUCH_DUE_ON = sql<string>`date(
  coalesce(c.last_interaction_at, c.since, date(c.updated_at / 1000, 'unixepoch', 'localtime')),
  '+' || c.keep_in_touch_days || ' days')`;

/** Connections with a cadence whose colleague is still here (active), with the day each falls due. */
function selectDue(db: ReadDb<LocalDb>, { from, to }: DayRange) {
  let query = db
    .selectFrom('connections as c')
    .innerJoin('people as p', 'p.id', 'c.person_id')
    .where('c.keep_in_touch_days', 'is not', null)
    .where('p.active', '=', 1)
    .where(KEEP_IN_TOUCH_DUE_ON, '<=', to);
  if (from !== null) query = query.where(KEEP_IN_TOUCH_DUE_ON, '>=', from);
  return query;
}

/**
 * Connections with a keep-in-touch cadence that fall due in `range`, soonest first: the first `limit`.
 * Colleagues who left (inactive) or are gone from the directory are skipped: there is nobody to catch up with.
 */
export async function listKeepInTouchDue(
  db: ReadDb<LocalDb>,
  range: DayRange,
  limit: number,
): Promise<KeepInTouchDue[]> {
  const rows = await selectDue(db, range)
    .selectAll('c')
    .select([...PERSON_SUMMARY_COLUMNS, KEEP_IN_TOUCH_DUE_ON.as('due_on')])
    .orderBy('due_on')
    .orderBy(sql`p.name collate nocase`)
    .orderBy('p.id')
    .limit(limit)
    .execute();
  return rows.map((row) => ({
    connection: fromConnectionColumns(row),
    person: toSummary(row),
    dueOn: row.due_on,
  }));
}

/** How many keep-in-touch reminders fall due in `range`. */
export async function countKeepInTouchDue(db: ReadDb<LocalDb>, range: DayRange): Promise<number> {
  const row = await selectDue(db, range)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
