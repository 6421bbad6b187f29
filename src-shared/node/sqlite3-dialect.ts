import sqlite3 from 'sqlite3';
import {
  CompiledQuery,
  DeleteQueryNode,
  InsertQueryNode,
  SqliteAdapter,
  SqliteIntrospector,
  SqliteQueryCompiler,
  UpdateQueryNode,
  type DatabaseConnection,
  type DatabaseIntrospector,
  type Dialect,
  type Driver,
  type Kysely,
  type QueryCompiler,
  type QueryResult,
  type TransactionSettings,
} from 'kysely';

/**
 * Kysely over node `sqlite3` (Kysely ships a dialect for better-sqlite3 only). One connection; a mutex hands
 * it to one caller at a time, so a transaction never interleaves with another query.
 */
export class Sqlite3Dialect implements Dialect {
  constructor(private readonly database: sqlite3.Database) {}
  createAdapter() {
    return new Sqlite3Adapter();
  }
  createDriver(): Driver {
    return new Sqlite3Driver(this.database);
  }
  createQueryCompiler(): QueryCompiler {
    return new SqliteQueryCompiler();
  }
  createIntrospector(db: Kysely<unknown>): DatabaseIntrospector {
    return new SqliteIntrospector(db);
  }
}

/** SQLite runs DDL inside transactions; saying so makes Kysely's Migrator wrap migrations in one. */
class Sqlite3Adapter extends SqliteAdapter {
  override get supportsTransactionalDdl() {
    return true;
  }
}

class Sqlite3Driver implements Driver {
  readonly #mutex = new Mutex();
  readonly #connection: Sqlite3Connection;
  constructor(private readonly database: sqlite3.Database) {
    this.#connection = new Sqlite3Connection(database);
  }
  async init() {}
  async acquireConnection() {
    await this.#mutex.lock();
    return this.#connection;
  }
  async releaseConnection() {
    this.#mutex.unlock();
  }
  async beginTransaction(connection: DatabaseConnection, settings: TransactionSettings) {
    if (settings.isolationLevel || settings.accessMode) {
      throw new Error('SQLite transactions take no isolation level or access mode');
    }
    // IMMEDIATE takes the write lock up front, so a transaction never fails half-way with SQLITE_BUSY.
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }
  async commitTransaction(connection: DatabaseConnection) {
    await connection.executeQuery(CompiledQuery.raw('commit'));
  }
  async rollbackTransaction(connection: DatabaseConnection) {
    await connection.executeQuery(CompiledQuery.raw('rollback'));
  }
  async destroy() {
    await this.#connection.finalizeAll();
    await new Promise<void>((resolve, reject) =>
      this.database.close((err) => (err ? reject(err) : resolve())),
    );
  }
}

const STATEMENT_CACHE_SIZE = 64;

class Sqlite3Connection implements DatabaseConnection {
  /** Prepared statements by SQL text, least recently used first. */
  readonly #statements = new Map<string, sqlite3.Statement>();
  constructor(private readonly database: sqlite3.Database) {}

  async executeQuery<R>(compiled: CompiledQuery): Promise<QueryResult<R>> {
    const statement = await this.#prepare(compiled.sql);
    const params = compiled.parameters as unknown[];
    const node = compiled.query;
    const isWrite =
      (InsertQueryNode.is(node) || UpdateQueryNode.is(node) || DeleteQueryNode.is(node)) && !node.returning;
    return new Promise((resolve, reject) => {
      if (isWrite) {
        statement.run(params, function (this: sqlite3.RunResult, err: Error | null) {
          if (err) return reject(err);
          resolve({ rows: [], numAffectedRows: BigInt(this.changes), insertId: BigInt(this.lastID) });
        });
      } else {
        statement.all(params, (err: Error | null, rows: R[]) => (err ? reject(err) : resolve({ rows })));
      }
    });
  }

  // eslint-disable-next-line require-yield -- the interface wants a generator; this driver has no cursor API
  async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error('The sqlite3 dialect does not stream; page with a keyset query instead');
  }

  async #prepare(sql: string): Promise<sqlite3.Statement> {
    const cached = this.#statements.get(sql);
    if (cached) {
      this.#statements.delete(sql);
      this.#statements.set(sql, cached);
      return cached;
    }
    // With a callback, a prepare error rejects here instead of being emitted as an unhandled 'error' event.
    const statement = await new Promise<sqlite3.Statement>((resolve, reject) => {
      const s = this.database.prepare(sql, (err: Error | null) => (err ? reject(err) : resolve(s)));
    });
    this.#statements.set(sql, statement);
    if (this.#statements.size > STATEMENT_CACHE_SIZE) {
      const [oldestSql, oldest] = this.#statements.entries().next().value as [string, sqlite3.Statement];
      this.#statements.delete(oldestSql);
      oldest.finalize();
    }
    return statement;
  }

  async finalizeAll() {
    const all = [...this.#statements.values()];
    this.#statements.clear();
    await Promise.all(all.map((s) => new Promise<void>((resolve) => s.finalize(() => resolve()))));
  }
}

class Mutex {
  #tail: Promise<void> = Promise.resolve();
  #release: (() => void) | undefined;
  async lock() {
    const previous = this.#tail;
    let release!: () => void;
    this.#tail = new Promise<void>((resolve) => (release = resolve));
    await previous;
    this.#release = release;
  }
  unlock() {
    const release = this.#release;
    this.#release = undefined;
    release?.();
  }
}
