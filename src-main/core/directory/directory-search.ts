import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { LocalDb } from '../store/local-db.ts';
import { toSummary, type DirectoryFilters, type SummaryRow } from './directory.repo.ts';
import { toFtsPhrase, toFtsWords } from './fts-query.ts';

/**
 * A search lists at most this many people; past it the total says "more than this" ("ma" matches half
 * of a 100,000-person company, and nobody scrolls through that: they type another letter).
 */
export const RANKED_MAX = 1000;

/**
 * Up to this many matches are ordered by bm25 relevance. bm25 costs 3 to 15 µs a match (more with more
 * words), so a broader query is ordered by tiers instead, with no scoring: names starting with the
 * text (alphabetical), then other name matches, then the other matches in index order.
 */
export const BM25_MAX = 200;

/** bm25 column weights: name, title, skills, department, site. */
const BM25 = sql`bm25(people_fts, 10.0, 4.0, 3.0, 1.5, 1.5)`;

type FtsTable = 'people_fts' | 'people_name_fts';

/** The exact filter conditions on `p`, each starting with `and`. */
function filterConditions(filters: DirectoryFilters): RawBuilder<unknown>[] {
  const conditions: RawBuilder<unknown>[] = [];
  if (filters.department) conditions.push(sql`and p.department = ${filters.department}`);
  if (filters.location) conditions.push(sql`and p.location = ${filters.location}`);
  if (filters.skill) {
    conditions.push(sql`and p.id in (select person_id from person_skills where skill = ${filters.skill})`);
  }
  return conditions;
}

/** The filters as FTS5 column phrases, so the index narrows the matches before any row is read. */
function filterPhrases(filters: DirectoryFilters): string {
  const parts: string[] = [];
  const add = (column: string, value: string | undefined) => {
    const phrase = value && toFtsPhrase(value);
    if (phrase) parts.push(` AND {${column}} : ${phrase}`);
  };
  add('department', filters.department);
  add('location', filters.location);
  add('skills', filters.skill);
  return parts.join('');
}

/** FTS5 first (CROSS JOIN keeps that order), then the person by primary key only when filters need it. */
function fromMatches(table: FtsTable, match: string, filters: DirectoryFilters) {
  const t = sql.table(table);
  const conditions = filterConditions(filters);
  return conditions.length
    ? sql`from ${t} cross join people p on p.pk = ${t}.rowid where ${t} match ${match} ${sql.join(conditions, sql` `)}`
    : sql`from ${t} where ${t} match ${match}`;
}

/**
 * Runs a query of primary keys (`pk`, in the order of `k`, then `pk`) and reads them as one comma-separated
 * string: a thousand one-column rows cost more to hand from SQLite to JavaScript than to find.
 */
async function readPks(db: Kysely<LocalDb>, query: RawBuilder<unknown>): Promise<number[]> {
  const { rows } = await sql<{ pks: string | null }>`select group_concat(pk, ',' order by k, pk) as pks
    from (${query})`.execute(db);
  const pks = rows[0]?.pks;
  return pks ? pks.split(',').map(Number) : [];
}

/** The first `limit` matches in index order: FTS5 stops there, so a broad word costs little. */
function matchRowids(
  db: Kysely<LocalDb>,
  table: FtsTable,
  match: string,
  filters: DirectoryFilters,
  limit: number,
) {
  const rowid = sql`${sql.table(table)}.rowid`;
  return readPks(
    db,
    sql`select ${rowid} as pk, ${rowid} as k ${fromMatches(table, match, filters)} limit ${limit}`,
  );
}

/** Every match of a narrow query, best first. */
function rankedRowids(db: Kysely<LocalDb>, match: string, filters: DirectoryFilters) {
  return readPks(
    db,
    sql`select people_fts.rowid as pk, ${BM25} as k ${fromMatches('people_fts', match, filters)}
      order by k limit ${BM25_MAX}`,
  );
}

/** People whose name starts with the typed text, alphabetically: a range of the case-insensitive name index. */
function nameStartsWith(db: Kysely<LocalDb>, typed: string, filters: DirectoryFilters) {
  return readPks(
    db,
    sql`select p.pk as pk, p.name collate nocase as k from people p
      where p.name collate nocase >= ${typed} and p.name collate nocase < ${typed + '\u{10FFFF}'}
      ${sql.join(filterConditions(filters), sql` `)}
      order by p.name collate nocase, p.pk limit ${RANKED_MAX}`,
  );
}

export interface RankedMatches {
  /** Primary keys, best first, at most RANKED_MAX. */
  pks: number[];
  /** More people match than RANKED_MAX. */
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
  const match = `(${words.query})${filterPhrases(filters)}`;
  // One pass over the index: how many match (up to one past the cap), and who, in index order.
  const matches = await matchRowids(db, 'people_fts', match, filters, RANKED_MAX + 1);
  const truncated = matches.length > RANKED_MAX;
  if (matches.length <= BM25_MAX) return { pks: await rankedRowids(db, match, filters), truncated };
  const [starting, named] = await Promise.all([
    nameStartsWith(db, text.trim(), filters),
    // With filters, the main index intersects name words and filter phrases itself; without, the names-only
    // index reads far shorter lists.
    filterPhrases(filters)
      ? matchRowids(
          db,
          'people_fts',
          `{name} : (${words.query})${filterPhrases(filters)}`,
          filters,
          RANKED_MAX,
        )
      : matchRowids(db, 'people_name_fts', words.query, filters, RANKED_MAX),
  ]);
  const pks = [...new Set([...starting, ...named, ...matches])].slice(0, RANKED_MAX);
  return { pks, truncated };
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
