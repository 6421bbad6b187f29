import sqlite3 from 'sqlite3';
import type { Person } from '#shared/domain/person';
import { toPeopleRow } from '#core/store/people.repo';

export const run = (db: sqlite3.Database, sql: string, params: unknown[] = []) =>
  new Promise<void>((resolve, reject) => db.run(sql, params, (err) => (err ? reject(err) : resolve())));

const stmtRun = (stmt: sqlite3.Statement, params: unknown[]) =>
  new Promise<void>((resolve, reject) => stmt.run(params, (err) => (err ? reject(err) : resolve())));

const prepare = (db: sqlite3.Database, sql: string) =>
  new Promise<sqlite3.Statement>((resolve, reject) => {
    const stmt = db.prepare(sql, (err) => (err ? reject(err) : resolve(stmt)));
  });

const finalize = (stmt: sqlite3.Statement) => new Promise<void>((resolve) => stmt.finalize(() => resolve()));

/** Multi-row INSERTs of `rows` (one prepared statement reused), on an open connection. */
export async function insertMany(db: sqlite3.Database, table: string, columns: string[], rows: unknown[][]) {
  const perStatement = Math.floor(30_000 / columns.length);
  const tuple = `(${columns.map(() => '?').join(',')})`;
  const sqlFor = (n: number) =>
    `insert into ${table} (${columns.join(',')}) values ${Array(n).fill(tuple).join(',')}`;
  const full = await prepare(db, sqlFor(perStatement));
  for (let i = 0; i < rows.length; i += perStatement) {
    const part = rows.slice(i, i + perStatement);
    if (part.length === perStatement) await stmtRun(full, part.flat());
    else await run(db, sqlFor(part.length), part.flat());
  }
  await finalize(full);
}

/**
 * The limit on this stack: the same rows into the same schema (tables, indexes, FTS triggers) through
 * node sqlite3 directly, as multi-row INSERTs reusing one prepared statement, all in one transaction.
 */
export async function rawBulkInsert(file: string, people: readonly Person[]) {
  const db = await new Promise<sqlite3.Database>((resolve, reject) => {
    const d = new sqlite3.Database(file, (err) => (err ? reject(err) : resolve(d)));
  });
  await run(db, 'pragma journal_mode = wal');
  await run(db, 'pragma synchronous = normal');
  await run(db, 'pragma foreign_keys = on');
  const started = performance.now();
  await run(db, 'begin immediate');
  const rows = people.map((p) => Object.values(toPeopleRow(p, 1)));
  await insertMany(db, 'people', Object.keys(toPeopleRow(people[0]!, 1)), rows);
  const skills = people.flatMap((p) => [...new Set(p.skills)].map((s) => [s, p.id]));
  await insertMany(db, 'person_skills', ['skill', 'person_id'], skills);
  await run(db, 'commit');
  const seconds = (performance.now() - started) / 1000;
  await new Promise<void>((resolve) => db.close(() => resolve()));
  return seconds;
}
