import sqlite3 from 'sqlite3';
import { Kysely, sql, type QueryExecutorProvider, type Transaction } from 'kysely';
import { Sqlite3Dialect } from './sqlite3-dialect.ts';

export interface OpenOptions {
  /** A file path, or ':memory:'. */
  file: string;
  busyTimeoutMs?: number;
}

function openRaw(file: string): Promise<sqlite3.Database> {
  return new Promise((resolve, reject) => {
    const db = new sqlite3.Database(file, (err) => (err ? reject(err) : resolve(db)));
  });
}

/** Opens (creating if needed) a SQLite file with WAL, a busy timeout and foreign keys on. */
export async function openDatabase<DB>({ file, busyTimeoutMs = 5000 }: OpenOptions): Promise<Kysely<DB>> {
  const raw = await openRaw(file);
  const db = new Kysely<DB>({ dialect: new Sqlite3Dialect(raw) });
  if (file !== ':memory:') await sql`pragma journal_mode = wal`.execute(db);
  // NORMAL is durable across an application crash in WAL mode; only an OS crash can lose the last commits.
  await sql`pragma synchronous = normal`.execute(db);
  await sql.raw(`pragma busy_timeout = ${Math.trunc(busyTimeoutMs)}`).execute(db);
  await sql`pragma foreign_keys = on`.execute(db);
  return db;
}

/**
 * The reading half of a Kysely handle: a function that takes it cannot write by accident.
 * Both Kysely<DB> and Transaction<DB> satisfy it.
 */
export type ReadDb<DB> = Pick<
  Kysely<DB> | Transaction<DB>,
  'selectFrom' | 'selectNoFrom' | 'with' | 'withRecursive'
>;

/** A reading handle that raw `sql` can run on (FTS5, recursive or grouped reads): the statement's text must only read. */
export type RawReadDb<DB> = ReadDb<DB> & QueryExecutorProvider;

/** A handle that may write: the database, or a transaction a caller composes steps in. */
export type WriteDb<DB> = Kysely<DB> | Transaction<DB>;

/**
 * Splits a list into parts of at most `size`, for statements that bind a parameter per item: SQLite caps
 * the bound parameters of one statement.
 */
export function chunk<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
