import type { Kysely, Transaction } from 'kysely';

/** Runs `fn` in the caller's transaction when given one, else in a new one; lets repositories compose. */
export function inTransaction<DB, T>(db: Kysely<DB>, fn: (trx: Transaction<DB>) => Promise<T>): Promise<T> {
  return db.isTransaction ? fn(db as Transaction<DB>) : db.transaction().execute(fn);
}
