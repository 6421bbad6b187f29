import { rm } from 'node:fs/promises';
import { Migrator, sql, type Kysely, type Migration, type MigrationResultSet } from 'kysely';

export type MigrationTable = Record<string, Migration>;

export interface MigrateOptions {
  /** The database file; its backup goes beside it. Omit for ':memory:'. */
  file?: string;
  /** Migrate up to this version (a key of the table) instead of the latest. */
  target?: string;
  now?: () => Date;
}

/**
 * Brings the schema to the latest version (or `target`). Pending migrations run in one transaction, so a
 * failed one leaves the schema as it was; a non-empty database is copied to `<file>.<from>.bak` first.
 */
export async function migrate(db: Kysely<unknown>, migrations: MigrationTable, options: MigrateOptions = {}) {
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => migrations },
    allowUnorderedMigrations: false,
  });
  const known = await migrator.getMigrations();
  const applied = known.filter((m) => m.executedAt);
  const pending = known.filter((m) => !m.executedAt);
  let backup: string | null = null;
  const from = applied.at(-1)?.name;
  if (pending.length > 0 && from && options.file) {
    backup = `${options.file}.${from}.bak`;
    await rm(backup, { force: true }); // VACUUM INTO refuses to overwrite a stale backup of the same version
    await sql`vacuum into ${backup}`.execute(db);
  }
  const result: MigrationResultSet = options.target
    ? await migrator.migrateTo(options.target)
    : await migrator.migrateToLatest();
  if (result.error) {
    const failed = result.results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new Error(`Migration ${failed} failed: ${String(result.error)}`, { cause: result.error });
  }
  return { applied: result.results?.map((r) => r.migrationName) ?? [], backup };
}
