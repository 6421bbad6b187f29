import { CompiledQuery, type Insertable } from 'kysely';
import type { WriteDb } from './open-database.ts';

/** SQLite allows 32,766 bound parameters per statement; stay under it. */
const MAX_PARAMS = 30_000;

const sqlCache = new Map<string, string>();

/**
 * Inserts many rows with multi-row INSERT statements, built as SQL text once per shape so the
 * statement is prepared once and reused. The Kysely query builder costs more than SQLite itself at
 * this volume; this is the path for bulk loads, typed by the table's row type.
 */
export async function bulkInsert<DB, T extends keyof DB & string>(
  db: WriteDb<DB>,
  table: T,
  columns: readonly (keyof DB[T] & string)[],
  rows: readonly (readonly unknown[])[],
  /** Replace the row that has the same key (one column or several) instead of failing. */
  { upsertOn }: { upsertOn?: (keyof DB[T] & string) | readonly (keyof DB[T] & string)[] } = {},
) {
  const perStatement = Math.max(1, Math.floor(MAX_PARAMS / columns.length));
  for (let start = 0; start < rows.length; start += perStatement) {
    const part = rows.slice(start, start + perStatement);
    const conflict = upsertOn === undefined ? [] : typeof upsertOn === 'string' ? [upsertOn] : upsertOn;
    const key = `${table}|${columns.join(',')}|${part.length}|${conflict.join(',')}`;
    let text = sqlCache.get(key);
    if (!text) {
      const tuple = `(${columns.map(() => '?').join(',')})`;
      const quoted = columns.map((c) => `"${c}"`).join(',');
      text = `insert into "${table}" (${quoted}) values ${Array(part.length).fill(tuple).join(',')}`;
      if (conflict.length) {
        const updates = columns.filter((c) => !conflict.includes(c)).map((c) => `"${c}" = excluded."${c}"`);
        text += ` on conflict (${conflict.map((c) => `"${c}"`).join(', ')}) do update set ${updates.join(', ')}`;
      }
      if (sqlCache.size > 256) sqlCache.clear();
      sqlCache.set(key, text);
    }
    await db.executeQuery(CompiledQuery.raw(text, part.flat()));
  }
}

/**
 * Inserts rows given as objects, replacing on a conflict of `key` every other column. The columns are the
 * first row's keys (rows of the table's own row type carry them all).
 */
export async function bulkUpsert<DB, T extends keyof DB & string>(
  db: WriteDb<DB>,
  table: T,
  key: readonly (keyof DB[T] & string)[],
  rows: readonly Insertable<DB[T]>[],
) {
  const first = rows[0];
  if (!first) return;
  const columns = Object.keys(first) as (keyof DB[T] & string)[];
  await bulkInsert(
    db,
    table,
    columns,
    rows.map((row) => columns.map((c) => (row as Record<string, unknown>)[c])),
    { upsertOn: key },
  );
}
