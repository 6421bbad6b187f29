import { sql, type RawBuilder, type SelectQueryBuilder, type SqlBool } from 'kysely';
import type { Change } from '#shared/wire/sync';
import { writtenIn, type ChangeRange } from './change-range.ts';
import { jsonCase, jsonObject, type JsonField } from './sql-json.ts';

/** How one entity's rows read as Changes in a pull. */
export interface EntityFeed {
  entity: Change['entity'];
  /** An upsert's value, as JSON. */
  value: RawBuilder<string>;
  /** What a delete names beside entity, op and seq (wire key → column); absent: the rows are always upserts. */
  deleteKeys?: Record<string, JsonField>;
  /** When a row reads as an upsert rather than a delete; default: it is no tombstone. */
  upsertWhen?: RawBuilder<SqlBool>;
  /** The seq column, qualified where a join makes `seq` ambiguous. */
  seq?: string;
  /** Orders two changes that share a seq (a community gained with its membership): 0 goes first. */
  tie?: 0 | 1;
}

/** The row every entity's part of a pull selects, so the parts make one UNION ordered by seq, then tie. */
export interface ChangeRow {
  seq: number;
  tie: number;
  /** The Change as JSON text. */
  change: string;
}

const NOT_A_TOMBSTONE = sql<SqlBool>`deleted = 0`;

/**
 * Selects the rows written in the range as (seq, tie, change): `.$call(selectChanges(range, feed))` on a
 * query that already keeps what the viewer may see.
 */
export function selectChanges(range: ChangeRange, feed: EntityFeed) {
  const seqColumn = feed.seq ?? 'seq';
  const seq = sql.ref<number>(seqColumn);
  const envelope = (op: 'upsert' | 'delete', rest: Record<string, JsonField>) =>
    jsonObject({ entity: sql.lit(feed.entity), op: sql.lit(op), seq, ...rest });
  const upsert = envelope('upsert', { value: feed.value });
  const change = feed.deleteKeys
    ? jsonCase(feed.upsertWhen ?? NOT_A_TOMBSTONE, upsert, envelope('delete', feed.deleteKeys))
    : upsert;
  return <DB, TB extends keyof DB, O>(qb: SelectQueryBuilder<DB, TB, O>) =>
    qb
      .select([seq.as('seq'), sql.lit<number>(feed.tie ?? 1).as('tie'), change.as('change')])
      .$call(writtenIn(range, seqColumn))
      .$castTo<O & ChangeRow>();
}
