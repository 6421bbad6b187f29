import { sql, type SelectQueryBuilder } from 'kysely';
import type { DirectoryFacets, DirectoryPage, PersonProfile } from '#shared/domain/directory';
import type { Person, PersonSummary } from '#shared/domain/person';
import type { ReadDb } from '#shared/node/open-database';
import type { LocalDb, PeopleTable } from '../store/local-db.ts';
import { toFtsQuery } from './fts-query.ts';

export interface SearchParams {
  text: string;
  department?: string | undefined;
  location?: string | undefined;
  skill?: string | undefined;
  offset: number;
  limit: number;
}

const summaryColumns = ['p.id', 'p.name', 'p.title', 'p.department', 'p.location', 'p.active'] as const;

type SummaryRow = Pick<PeopleTable, 'id' | 'name' | 'title' | 'department' | 'location' | 'active'>;
const toSummary = (r: SummaryRow): PersonSummary => ({ ...r, active: r.active === 1 });

export function toPerson(r: Omit<PeopleTable, 'pk' | 'seq'>): Person {
  return {
    id: r.id,
    email: r.email,
    name: r.name,
    title: r.title,
    department: r.department,
    location: r.location,
    managerId: r.manager_id,
    skills: JSON.parse(r.skills) as string[],
    bio: r.bio,
    timezone: r.timezone,
    active: r.active === 1,
  };
}

/** Column weights for bm25: a hit in the name counts most, then title, skills, department, site. */
const BM25 = sql`bm25(people_fts, 10.0, 4.0, 3.0, 1.5, 1.5)`;

// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- the query selects no columns yet
type PeopleQuery = SelectQueryBuilder<LocalDb & { p: PeopleTable }, 'p', {}>;

function filtered(db: ReadDb<LocalDb>, params: SearchParams, match: string | null): PeopleQuery {
  let q = db.selectFrom('people as p') as unknown as PeopleQuery;
  if (match)
    q = q.where(sql<boolean>`p.pk in (select rowid from people_fts where people_fts match ${match})`);
  if (params.department) q = q.where('p.department', '=', params.department);
  if (params.location) q = q.where('p.location', '=', params.location);
  if (params.skill) {
    const skill = params.skill;
    q = q.where('p.id', 'in', (eb) =>
      eb
        .selectFrom('person_skills')
        .select('person_skills.person_id')
        .where('person_skills.skill', '=', skill),
    );
  }
  return q;
}

/** One page of the directory for a query, best match first (by name when there is no text). */
export async function searchPeople(
  db: ReadDb<LocalDb>,
  params: SearchParams,
): Promise<Omit<DirectoryPage, 'total'>> {
  const match = toFtsQuery(params.text);
  let rows: SummaryRow[];
  if (match) {
    // Rank inside FTS5 (bm25 needs the MATCH in the same query), then join for the filters.
    const base = filtered(db, params, null)
      .innerJoin(
        (eb) =>
          eb
            .selectFrom(sql`people_fts`.as('f'))
            .select([sql<number>`rowid`.as('rowid'), BM25.as('rank')])
            .where(sql<boolean>`people_fts match ${match}`)
            .as('hits'),
        (join) => join.onRef('hits.rowid', '=', 'p.pk'),
      )
      .select(summaryColumns)
      .orderBy('hits.rank')
      .orderBy('p.name');
    rows = await base.limit(params.limit).offset(params.offset).execute();
  } else {
    rows = await filtered(db, params, null)
      .select(summaryColumns)
      .orderBy('p.name')
      .orderBy('p.id')
      .limit(params.limit)
      .offset(params.offset)
      .execute();
  }
  return { offset: params.offset, items: rows.map(toSummary) };
}

/** How many people match a query (the same filters as searchPeople, without paging). */
export async function countPeople(db: ReadDb<LocalDb>, params: Omit<SearchParams, 'offset' | 'limit'>) {
  const match = toFtsQuery(params.text);
  const row = await filtered(db, { ...params, offset: 0, limit: 0 }, match)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function listFacets(db: ReadDb<LocalDb>): Promise<DirectoryFacets> {
  const [departments, locations, skills] = await Promise.all([
    db
      .selectFrom('people')
      .select(['department as value', (eb) => eb.fn.countAll<number>().as('count')])
      .groupBy('department')
      .orderBy('department')
      .execute(),
    db
      .selectFrom('people')
      .select(['location as value', (eb) => eb.fn.countAll<number>().as('count')])
      .groupBy('location')
      .orderBy('location')
      .execute(),
    db
      .selectFrom('person_skills')
      .select(['skill as value', (eb) => eb.fn.countAll<number>().as('count')])
      .groupBy('skill')
      .orderBy('count', 'desc')
      .orderBy('skill')
      .execute(),
  ]);
  return { departments, locations, skills };
}

const MAX_CHAIN = 64;

export async function findProfile(db: ReadDb<LocalDb>, id: string): Promise<PersonProfile | null> {
  const row = await db.selectFrom('people').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) return null;
  const chain = await db
    .withRecursive('chain(id, depth)', (qb) =>
      qb
        .selectFrom('people')
        .select(['manager_id as id', sql<number>`1`.as('depth')])
        .where('id', '=', id)
        .where('manager_id', 'is not', null)
        .unionAll((u) =>
          u
            .selectFrom('people as m')
            .innerJoin('chain', 'chain.id', 'm.id')
            .select(['m.manager_id as id', sql<number>`chain.depth + 1`.as('depth')])
            .where('m.manager_id', 'is not', null)
            .where('chain.depth', '<', MAX_CHAIN),
        ),
    )
    .selectFrom('chain')
    .innerJoin('people as p', 'p.id', 'chain.id')
    .select(summaryColumns)
    .orderBy('chain.depth', 'desc')
    .execute();
  const reports = await db
    .selectFrom('people as p')
    .select(summaryColumns)
    .where('p.manager_id', '=', id)
    .orderBy('p.name')
    .execute();
  return { person: toPerson(row), managerChain: chain.map(toSummary), directReports: reports.map(toSummary) };
}
