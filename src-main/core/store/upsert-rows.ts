import {
  sql,
  type InsertObject,
  type Insertable,
  type OnConflictTables,
  type OnConflictUpdateDatabase,
  type UpdateObject,
} from 'kysely';
import type { WriteDb } from '#shared/node/open-database';
import type { LocalDb } from './local-db.ts';

type Table = keyof LocalDb & string;

/**
 * Inserts `rows` in one statement, a row that meets one with the same `key` replacing every column of it
 * (`set col = excluded.col`). The caller decides how many rows go in a statement.
 */
export async function upsertRows<T extends Table>(
  db: WriteDb<LocalDb>,
  table: T,
  key: readonly (keyof LocalDb[T] & string)[],
  rows: readonly Insertable<LocalDb[T]>[],
) {
  const first = rows[0];
  if (!first) return;
  // Kysely cannot resolve its insert and update types for a table that is a type parameter: the casts say
  // what they are for the table given.
  const setEveryColumn = Object.fromEntries(
    Object.keys(first).map((column) => [column, sql.raw(`excluded.${column}`)]),
  ) as UpdateObject<OnConflictUpdateDatabase<LocalDb, T>, OnConflictTables<T>>;
  await db
    .insertInto(table)
    .values(rows as readonly InsertObject<LocalDb, T>[])
    .onConflict((oc) => oc.columns(key).doUpdateSet(setEveryColumn))
    .execute();
}
