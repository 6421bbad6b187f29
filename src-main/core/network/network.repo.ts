import { sql } from 'kysely';
import type { NetworkEntry, NetworkQuery } from '#shared/domain/network';
import type { ReadDb } from '#shared/node/open-database';
import { PERSON_SUMMARY_COLUMNS } from '../directory/directory.repo.ts';
import type { LocalDb } from '../store/local-db.ts';
import { fromConnectionColumns } from '#shared/node/connection-columns';
import { KEEP_IN_TOUCH_DUE_ON } from '../follow-ups/keep-in-touch.repo.ts';

type NetworkFilters = Omit<NetworkQuery, 'sort' | 'direction'> & {
  sort: NonNullable<NetworkQuery['sort']>;
  direction: NonNullable<NetworkQuery['direction']>;
};

/** "My network": every connection with a colleague still in the directory, filtered and sorted. */
export async function listNetwork(db: ReadDb<LocalDb>, query: NetworkFilters): Promise<NetworkEntry[]> {
  let q = db
    .selectFrom('connections as c')
    .innerJoin('people as p', 'p.id', 'c.person_id')
    .selectAll('c')
    .select(PERSON_SUMMARY_COLUMNS);
  if (query.kind) {
    const kind = query.kind;
    q = q.where(sql<boolean>`exists (select 1 from json_each(c.kinds) where json_each.value = ${kind})`);
  }
  if (query.department) q = q.where('p.department', '=', query.department);
  if (query.location) q = q.where('p.location', '=', query.location);
  if (query.minStrength) q = q.where('c.strength', '>=', query.minStrength);

  const dir = query.direction;
  if (query.sort === 'strength') q = q.orderBy('c.strength', dir);
  // Never-met connections go last whichever way the dates run.
  if (query.sort === 'lastInteraction')
    q = q.orderBy(sql`c.last_interaction_at is null`).orderBy('c.last_interaction_at', dir);
  // Without a cadence, nothing falls due: those go last too.
  if (query.sort === 'keepInTouch')
    q = q.orderBy(sql`c.keep_in_touch_days is null`).orderBy(KEEP_IN_TOUCH_DUE_ON, dir);
  q = q.orderBy(sql`p.name collate nocase`, query.sort === 'name' ? dir : 'asc').orderBy('p.id');

  const rows = await q.execute();
  return rows.map((r) => ({
    connection: fromConnectionColumns(r),
    person: {
      id: r.id,
      name: r.name,
      title: r.title,
      department: r.department,
      location: r.location,
      active: r.active === 1,
    },
  }));
}
