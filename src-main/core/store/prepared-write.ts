import type { Kysely, Transaction } from 'kysely';
import type { LocalDb } from './local-db.ts';

/**
 * Writes validated in advance, to run inside a transaction the caller composes (an import writes notes and
 * connections all or nothing). `notify` tells the listeners, once that transaction has committed.
 */
export interface PreparedWrite<T> {
  write(trx: Transaction<LocalDb>): Promise<T>;
  notify(): void;
}

/** Runs one prepared write in a transaction of its own, then tells the listeners. */
export async function runPrepared<T>(db: Kysely<LocalDb>, prepared: PreparedWrite<T>): Promise<T> {
  const result = await db.transaction().execute((trx) => prepared.write(trx));
  prepared.notify();
  return result;
}
