import { sql, type SelectQueryBuilder } from 'kysely';

/** The changes after `since`, up to and including `upTo`: one page of a pull, or one announcement. */
export interface ChangeRange {
  since: number;
  upTo: number;
}

/**
 * Keeps the rows written in (since, upTo], read through the table's seq index: `.$call(writtenIn(range))`,
 * or `writtenIn(range, 'posts.seq')` where a join makes `seq` ambiguous.
 */
export function writtenIn({ since, upTo }: ChangeRange, column = 'seq') {
  const seq = sql.ref<number>(column);
  return <DB, TB extends keyof DB, O>(qb: SelectQueryBuilder<DB, TB, O>) =>
    qb.where(seq, '>', since).where(seq, '<=', upTo);
}
