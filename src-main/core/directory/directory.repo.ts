import { sql, type SelectQueryBuilder } from 'kysely';
import type { DirectoryFacets, PersonProfile } from '#shared/domain/directory';
import type { PersonSummary } from '#shared/domain/person';
import type { ReadDb } from '#shared/node/open-database';
import { fromPersonColumns } from '#shared/node/person-columns';
import { jsonIds } from '../store/json-ids.ts';
import type { LocalDb, PeopleTable } from '../store/local-db.ts';

export interface SearchParams {
  text: string;
  department?: string | undefined;
  location?: string | undefined;
  skill?: string | undefined;
  offset: number;
  limit: number;
}

/** The columns of a PersonSummary, for a query that reads `people as p`. */
export const PERSON_SUMMARY_COLUMNS = [
  'p.id',
  'p.name',
  'p.title',
  'p.department',
  'p.location',
  'p.active',
] as const;

export type SummaryRow = Pick<PeopleTable, 'id' | 'name' | 'title' | 'department' | 'location' | 'active'>;
export const toSummary = (r: SummaryRow): PersonSummary => ({ ...r, active: r.active === 1 });

// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- the query selects no columns yet
type PeopleQuery = SelectQueryBuilder<LocalDb & { p: PeopleTable }, 'p', {}>;

export type DirectoryFilters = Pick<SearchParams, 'department' | 'location' | 'skill'>;

function filtered(db: ReadDb<LocalDb>, filters: DirectoryFilters): PeopleQuery {
  let q = db.selectFrom('people as p') as unknown as PeopleQuery;
  if (filters.department) q = q.where('p.department', '=', filters.department);
  if (filters.location) q = q.where('p.location', '=', filters.location);
  if (filters.skill) {
    const skill = filters.skill;
    q = q.where('p.id', 'in', (eb) =>
      eb
        .selectFrom('person_skills')
        .select('person_skills.person_id')
        .where('person_skills.skill', '=', skill),
    );
  }
  return q;
}

/** Everyone who passes the filters, by name: the directory when nothing is typed. */
export async function listPeople(
  db: ReadDb<LocalDb>,
  params: Omit<SearchParams, 'text'>,
): Promise<PersonSummary[]> {
  const rows = await filtered(db, params)
    .select(PERSON_SUMMARY_COLUMNS)
    .orderBy(sql`p.name collate nocase`)
    .orderBy('p.pk')
    .limit(params.limit)
    .offset(params.offset)
    .execute();
  return rows.map(toSummary);
}

export async function countPeople(db: ReadDb<LocalDb>, filters: DirectoryFilters) {
  const row = await filtered(db, filters)
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
    .select(PERSON_SUMMARY_COLUMNS)
    .orderBy('chain.depth', 'desc')
    .execute();
  const reports = await db
    .selectFrom('people as p')
    .select(PERSON_SUMMARY_COLUMNS)
    .where('p.manager_id', '=', id)
    .orderBy(sql`p.name collate nocase`)
    .execute();
  return {
    person: fromPersonColumns(row),
    managerChain: chain.map(toSummary),
    directReports: reports.map(toSummary),
  };
}

/** The people with these ids (any number of them), by id; ids not in the directory are left out. */
export async function findPersonSummaries(
  db: ReadDb<LocalDb>,
  ids: Iterable<string>,
): Promise<Map<string, PersonSummary>> {
  const rows = await db
    .selectFrom('people as p')
    .select(PERSON_SUMMARY_COLUMNS)
    .where(sql<boolean>`p.id in ${jsonIds(new Set(ids))}`)
    .execute();
  return new Map(rows.map((r) => [r.id, toSummary(r)]));
}
