import { sql } from 'kysely';
import type { IntroStep } from '#shared/domain/graph';
import type { RawReadDb } from '#shared/node/open-database';
import { jsonIds } from '../store/json-ids.ts';
import type { LocalDb } from '../store/local-db.ts';
import {
  coMemberStrength,
  MAX_COMMUNITY_FOR_INTRODUCTIONS,
  REPORTING_LINE_STRENGTH,
} from './tie-strength.ts';

export type Relation = IntroStep['via'];

/** A tie seen from one end: `from` knows `to` by `via` (from `reports_to` to; from `manages` to). */
export interface Hop {
  from: string;
  to: string;
  via: Relation;
  strength: number;
  community: string | null;
}

/** The same tie seen from its other end. */
export function reverseHop(hop: Hop): Hop {
  const via = hop.via === 'reports_to' ? 'manages' : hop.via === 'manages' ? 'reports_to' : hop.via;
  return { ...hop, from: hop.to, to: hop.from, via };
}

/**
 * Everyone the people in `from` know through others' shared connections (either way round) and reporting
 * lines. The signed-in person's own connections are in `connections`, not here: see findOwnHops.
 */
export async function findHops(db: RawReadDb<LocalDb>, from: ReadonlySet<string>): Promise<Hop[]> {
  if (from.size === 0) return [];
  const { rows } = await sql<{ a: string; b: string; via: Relation; strength: number }>`
    select owner_id as a, person_id as b, 'shared' as via, strength from shared_connections
      where owner_id in ${jsonIds(from)}
    union all
    select person_id as a, owner_id as b, 'shared' as via, strength from shared_connections
      where person_id in ${jsonIds(from)}
    union all
    select id as a, manager_id as b, 'reports_to' as via, ${REPORTING_LINE_STRENGTH} as strength from people
      where id in ${jsonIds(from)} and manager_id is not null
    union all
    select manager_id as a, id as b, 'manages' as via, ${REPORTING_LINE_STRENGTH} as strength from people
      where manager_id in ${jsonIds(from)}`.execute(db);
  return rows.map((r) => ({ from: r.a, to: r.b, via: r.via, strength: r.strength, community: null }));
}

/** The signed-in person's own ties: their connections, plus everything findHops finds from them. */
export async function findOwnHops(db: RawReadDb<LocalDb>, egoId: string): Promise<Hop[]> {
  const own = await db.selectFrom('connections').select(['person_id', 'strength']).execute();
  const hops: Hop[] = own.map((c) => ({
    from: egoId,
    to: c.person_id,
    via: 'connection',
    strength: c.strength,
    community: null,
  }));
  return [...hops, ...(await findHops(db, new Set([egoId]))), ...(await findCoMemberHops(db, egoId))];
}

/**
 * The co-members of `personId` in active communities small enough for members to know each other
 * (at most MAX_COMMUNITY_FOR_INTRODUCTIONS), each once, through the smallest community they share.
 */
export async function findCoMemberHops(db: RawReadDb<LocalDb>, personId: string): Promise<Hop[]> {
  const { rows } = await sql<{ id: string; name: string; size: number }>`
    with theirs as (
      select c.id, c.name,
        (select count(*) from memberships x where x.community_id = c.id and x.status = 'active') as size
      from memberships m join communities c on c.id = m.community_id
      where m.person_id = ${personId} and m.status = 'active' and c.archived = 0
    )
    select m.person_id as id, t.name, t.size from theirs t
      join memberships m on m.community_id = t.id and m.status = 'active'
    where t.size <= ${MAX_COMMUNITY_FOR_INTRODUCTIONS} and m.person_id != ${personId}
    order by t.size`.execute(db);
  const seen = new Set<string>();
  const hops: Hop[] = [];
  for (const r of rows) {
    if (seen.has(r.id)) continue;
    seen.add(r.id);
    hops.push({
      from: personId,
      to: r.id,
      via: 'community',
      strength: coMemberStrength(r.size),
      community: r.name,
    });
  }
  return hops;
}
