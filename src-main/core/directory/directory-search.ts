import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { LocalDb } from '../store/local-db.ts';
import { toSummary, type DirectoryFilters, type SummaryRow } from './directory.repo.ts';
import { foldForSearch, toFtsWords } from './fts-query.ts';

/**
 * At most this many matches are ranked by relevance. Past it a query is too broad for relevance to mean
 * much ("ma" matches half the company) and scoring every match costs tens of milliseconds on a large
 * org, so name matches come first, then the other matches in index order, and the total says "more".
 */
export const RANKED_MAX = 1000;

/** bm25 column weights: name, title, skills, department, site. */
const BM25 = sql`bm25(people_fts, 10.0, 4.0, 3.0, 1.5, 1.5)`;

type FtsTable = 'people_fts' | 'people_name_fts';

const byName = new Intl.Collator(undefined, { sensitivity: 'base' });

function filterConditions(filters: DirectoryFilters): RawBuilder<unknown> | null {
  const conditions: RawBuilder<unknown>[] = [];
  if (filters.department) conditions.push(sql`and p.department = ${filters.department}`);
  if (filters.location) conditions.push(sql`and p.location = ${filters.location}`);
  if (filters.skill) {
    conditions.push(sql`and p.id in (select person_id from person_skills where skill = ${filters.skill})`);
  }
  return conditions.length ? sql.join(conditions, sql` `) : null;
}

/** FTS5 first (CROSS JOIN keeps that order), then the person by primary key only when filters need it. */
function fromMatches(table: FtsTable, words: string, filters: DirectoryFilters) {
  const t = sql.table(table);
  const conditions = filterConditions(filters);
  return conditions
    ? sql`from ${t} cross join people p on p.pk = ${t}.rowid where ${t} match ${words} ${conditions}`
    : sql`from ${t} where ${t} match ${words}`;
}

/** The first `limit` matches in index order: FTS5 stops there, so a broad word costs little. */
async function matchRowids(
  db: Kysely<LocalDb>,
  table: FtsTable,
  words: string,
  filters: DirectoryFilters,
  limit: number,
) {
  const { rows } = await sql<{
    pk: number;
  }>`select ${sql.table(table)}.rowid as pk ${fromMatches(table, words, filters)}
    limit ${limit}`.execute(db);
  return rows.map((r) => r.pk);
}

/** Every match of a narrow query, best first. */
async function rankedRowids(db: Kysely<LocalDb>, words: string, filters: DirectoryFilters) {
  const { rows } = await sql<{
    pk: number;
  }>`select people_fts.rowid as pk ${fromMatches('people_fts', words, filters)}
    order by ${BM25} limit ${RANKED_MAX}`.execute(db);
  return rows.map((r) => r.pk);
}

/** Name matches, the names starting with the typed text first, then alphabetically. */
async function nameMatchRowids(db: Kysely<LocalDb>, words: string, filters: DirectoryFilters, typed: string) {
  const { rows } = await sql<{
    pk: number;
    name: string;
  }>`select people_name_fts.rowid as pk, people_name_fts.name
    ${fromMatches('people_name_fts', words, filters)} limit ${RANKED_MAX}`.execute(db);
  const keyed = rows.map((r) => ({
    pk: r.pk,
    name: r.name,
    starts: foldForSearch(r.name).startsWith(typed) ? 0 : 1,
  }));
  keyed.sort((a, b) => a.starts - b.starts || byName.compare(a.name, b.name));
  return keyed.map((r) => r.pk);
}

export interface RankedMatches {
  /** Primary keys, best first, at most RANKED_MAX. */
  pks: number[];
  /** More people match than `pks` holds. */
  truncated: boolean;
}

/**
 * Who matches the typed text and filters, best first. Raw SQL: FTS5 needs it.
 * Null when the text has no searchable word.
 */
export async function rankMatches(
  db: Kysely<LocalDb>,
  text: string,
  filters: DirectoryFilters,
): Promise<RankedMatches | null> {
  const words = toFtsWords(text);
  if (!words) return null;
  const first = await matchRowids(db, 'people_fts', words.query, filters, RANKED_MAX + 1);
  if (first.length <= RANKED_MAX)
    return { pks: await rankedRowids(db, words.query, filters), truncated: false };
  const named = await nameMatchRowids(db, words.query, filters, foldForSearch(text.trim()));
  const seen = new Set(named);
  const rest = first.filter((pk) => !seen.has(pk));
  return { pks: [...named, ...rest].slice(0, RANKED_MAX), truncated: true };
}

/** The people behind a page of primary keys, in the order given. */
export async function findSummaries(db: Kysely<LocalDb>, pks: readonly number[]) {
  if (pks.length === 0) return [];
  const rows = await db
    .selectFrom('people')
    .select(['pk', 'id', 'name', 'title', 'department', 'location', 'active'])
    .where('pk', 'in', pks)
    .execute();
  const byPk = new Map(rows.map((r) => [r.pk, r as SummaryRow]));
  return pks.flatMap((pk) => {
    const row = byPk.get(pk);
    return row ? [toSummary(row)] : [];
  });
}
