import { sql, type RawBuilder, type SelectQueryBuilder, type SqlBool } from 'kysely';
import type { ReadDb } from '#shared/node/open-database';
import type { BootstrapLine } from '#shared/wire/sync';
import type { ServerDb } from '../db/schema.ts';
import { jsonObject } from './sql-json.ts';

/*
 * What the sections of the snapshot (GET /v1/sync/bootstrap) share: each is a query that keeps its rows at the
 * cursor, counted, and read in keyset pages by a key of one or two columns.
 */

/** A section's resume key: the values of its key columns in the last row sent. */
export type SnapshotKey = readonly [string] | readonly [string, string];

/**
 * Keeps the rows after a resume key in the order of `columns`: one column, or a pair compared as a tuple.
 * No key: all of them.
 */
export function keptAfter(columns: SnapshotKey, after: string | SnapshotKey | undefined) {
  return <DB, TB extends keyof DB, O>(qb: SelectQueryBuilder<DB, TB, O>) => {
    if (after === undefined) return qb;
    const refs = sql.join(columns.map((c) => sql.ref(c)));
    const values = sql.join((typeof after === 'string' ? [after] : after).map((v) => sql.val(v)));
    return qb.where(
      columns.length === 1 ? sql<SqlBool>`${refs} > ${values}` : sql<SqlBool>`(${refs}) > (${values})`,
    );
  };
}

/** How many rows the section's query keeps. */
export async function countRows<DB, TB extends keyof DB, O>(
  rows: SelectQueryBuilder<DB, TB, O>,
): Promise<number> {
  const row = await rows
    .select(sql<number>`count(*)`.as('n'))
    .$castTo<{ n: number }>()
    .executeTakeFirstOrThrow();
  return row.n;
}

/** Whose snapshot, at which seq: a section keeps the rows of the viewer's view last changed at or before it. */
export interface SnapshotView {
  viewerId: string;
  cursor: number;
}

/** A section whose rows the database writes as NDJSON lines (`{"type":…,"value":…}`), keyset-paged. */
export interface LinesSection {
  count(after: SnapshotKey | undefined): Promise<number>;
  /** At most `limit` lines after the key, each with its resume key (the key columns joined by '/'). */
  page(after: SnapshotKey | undefined, limit: number): Promise<{ key: string; line: string }[]>;
}

/**
 * Declares a section by the query that keeps its rows, the JSON of a row and the key it is paged by; the
 * result reads it for one view.
 */
export function linesSection<TB extends keyof ServerDb, O>(spec: {
  type: BootstrapLine['type'];
  value: RawBuilder<string>;
  key: SnapshotKey;
  rows: (db: ReadDb<ServerDb>, view: SnapshotView) => SelectQueryBuilder<ServerDb, TB, O>;
}) {
  const { type, value, key } = spec;
  const keyText = key.length === 1 ? sql.ref(key[0]) : sql`${sql.ref(key[0])} || '/' || ${sql.ref(key[1])}`;
  const line = jsonObject({ type: sql.lit(type), value });
  return (db: ReadDb<ServerDb>, view: SnapshotView): LinesSection => {
    const rows = (after: SnapshotKey | undefined) => spec.rows(db, view).$call(keptAfter(key, after));
    return {
      count: (after) => countRows(rows(after)),
      page(after, limit) {
        let query = rows(after)
          .select([sql<string>`${keyText}`.as('key'), line.as('line')])
          .$castTo<{ key: string; line: string }>();
        for (const column of key) query = query.orderBy(sql.ref(column));
        return query.limit(limit).execute();
      },
    };
  };
}
