import { sql, type RawBuilder } from 'kysely';

/**
 * A set of ids as one bound JSON parameter, for `x in ${jsonIds(ids)}`: any number of ids in one statement,
 * with no limit on SQL variables. SQLite builds the subquery's result once.
 */
export function jsonIds(ids: Iterable<string>): RawBuilder<unknown> {
  return sql`(select value from json_each(${JSON.stringify([...ids])}))`;
}
