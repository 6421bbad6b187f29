import { join } from 'node:path';
import type { Kysely } from 'kysely';
import { test } from 'vitest';
import { LOCAL_DB_FILE, type LocalDb } from '#core/store/local-db';
import { localMigrations } from '#core/store/migrations/index';
import { serverMigrations } from '#server/db/migrations/index';
import type { ServerDb } from '#server/db/schema';
import { migrate, type MigrationTable } from '#shared/node/migrate';
import { openDatabase } from '#shared/node/open-database';
import { makeTempDir } from './temp-dir.ts';

export interface MigrationStepOptions<Db> {
  migrations: MigrationTable;
  /** The database's file name in the test's temp folder (LOCAL_DB_FILE, 'kith-server.db'). */
  fileName: string;
  /** The version the database starts at; an empty database when omitted. */
  from?: string;
  /** Rows as the schema at `from` stores them, written before each test. */
  seed?: (db: Kysely<Db>) => Promise<void>;
}

export interface MigrationStepFixtures<Db> {
  /** A fresh temp folder, removed after the test. */
  dir: string;
  /** The database file in `dir`. */
  file: string;
  /** The database, opened on `file`, migrated to `from` and seeded. */
  db: Kysely<Db>;
  /** Migrates `db` up or down to `target`, or to the latest version when omitted. */
  migrateTo: (target?: string) => ReturnType<typeof migrate>;
}

/** The version just before `version` in a migration table. */
export function versionBefore(migrations: MigrationTable, version: string): string {
  const versions = Object.keys(migrations);
  const index = versions.indexOf(version);
  if (index < 1) throw new Error(`${version} has no version before it`);
  return versions[index - 1]!;
}

/**
 * The `it` of a migration test (Signal's: migrate to N-1, seed, migrate to N, assert). Each test that asks
 * for `db` gets a database of its own in a temp folder, at `from` and seeded; both go when the test ends.
 */
export function migrationTest<Db>({ migrations, fileName, from, seed }: MigrationStepOptions<Db>) {
  return test.extend<MigrationStepFixtures<Db>>({
    // Vitest reads a fixture's dependencies from its destructured first argument; this one has none.
    // eslint-disable-next-line no-empty-pattern
    dir: async ({}, use) => {
      const dir = await makeTempDir();
      await use(dir.path);
      await dir.remove();
    },
    file: async ({ dir }, use) => use(join(dir, fileName)),
    db: async ({ file }, use) => {
      const db = await openDatabase<Db>({ file });
      if (from) await migrate(db as Kysely<unknown>, migrations, { file, target: from });
      await seed?.(db);
      await use(db);
      await db.destroy();
    },
    migrateTo: async ({ db, file }, use) =>
      use((target) => migrate(db as Kysely<unknown>, migrations, { file, target })),
  });
}

type StepOptions<Db> = Pick<MigrationStepOptions<Db>, 'from' | 'seed'>;

/** A migration test of the core's local database. */
export const localMigrationTest = (options: StepOptions<LocalDb> = {}) =>
  migrationTest<LocalDb>({ migrations: localMigrations, fileName: LOCAL_DB_FILE, ...options });

/** A migration test of the server's database. */
export const serverMigrationTest = (options: StepOptions<ServerDb> = {}) =>
  migrationTest<ServerDb>({ migrations: serverMigrations, fileName: 'kith-server.db', ...options });
