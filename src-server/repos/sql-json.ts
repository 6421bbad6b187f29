import { sql, type RawBuilder, type SqlBool } from 'kysely';

/*
 * SQLite's JSON functions, in one place: the rows that pulls and snapshots send are written as JSON by SQLite
 * (on its worker thread, one UNION query a pull), and a port to another database rewrites only this file.
 */

/** A JSON field's source: a column, by name (qualified where a join needs it), or an SQL expression. */
export type JsonField = string | RawBuilder<unknown>;

/** A JSON object of these fields, its keys in this order (the order the text keeps). */
export function jsonObject(fields: Record<string, JsonField>): RawBuilder<string> {
  const args = Object.entries(fields).flatMap(([key, field]) => [
    sql.lit(key),
    typeof field === 'string' ? sql.ref(field) : field,
  ]);
  return sql<string>`json_object(${sql.join(args)})`;
}

/** A column holding JSON text (an array, say), embedded as JSON rather than as a string. */
export const jsonText = (column: string) => sql`json(${sql.ref(column)})`;

/** A 0 | 1 column as a JSON boolean. */
export const jsonBool = (column: string) =>
  sql`json(case when ${sql.ref(column)} = 1 then 'true' else 'false' end)`;

/** `object` when the column is set, else JSON null. */
export const jsonUnlessNull = (column: string, object: RawBuilder<string>) =>
  sql`json(case when ${sql.ref(column)} is null then null else ${object} end)`;

/** Picks one of two JSON texts by an SQL condition. */
export const jsonCase = (
  when: RawBuilder<SqlBool>,
  then: RawBuilder<string>,
  otherwise: RawBuilder<string>,
) => sql<string>`case when ${when} then ${then} else ${otherwise} end`;
