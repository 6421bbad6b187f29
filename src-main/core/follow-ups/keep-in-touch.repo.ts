import { sql } from 'kysely';
import type { Connection } from '#shared/domain/connection';
import type { PersonSummary } from '#shared/domain/person';
import { fromConnectionColumns } from '#shared/node/connection-columns';
import type { ReadDb } from '#shared/node/open-database';
import { toSummary } from '../directory/directory.repo.ts';
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

/**
 * Connections with a keep-in-touch cadence that fall due on or before `until` (YYYY-MM-DD), soonest first.
 * Colleagues who left (inactive) or are gone from the directory are skipped: there is nobody to catch up with.
 */
export async function listKeepInTouchDueBy(db: ReadDb<LocalDb>, until: string): Promise<KeepInTouchDue[]> {
  const rows = await db
    .selectFrom('connections as c')
    .innerJoin('people as p', 'p.id', 'c.person_id')
    .selectAll('c')
    .select([
      'p.id',
      'p.name',
      'p.title',
      'p.department',
      'p.location',
      'p.active',
      KEEP_IN_TOUCH_DUE_ON.as('due_on'),
    ])
    .where('c.keep_in_touch_days', 'is not', null)
    .where('p.active', '=', 1)
    .where(KEEP_IN_TOUCH_DUE_ON, '<=', until)
    .orderBy('due_on')
    .orderBy(sql`p.name collate nocase`)
    .orderBy('p.id')
    .execute();
  return rows.map((row) => ({
    connection: fromConnectionColumns(row),
    person: toSummary(row),
    dueOn: row.due_on,
  }));
}
