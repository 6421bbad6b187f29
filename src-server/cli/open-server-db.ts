import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Kysely } from 'kysely';
import { migrate } from '#shared/node/migrate';
import { openDatabase } from '#shared/node/open-database';
import { loadConfig, type ConfigFlags } from '../cli-args.ts';
import type { ServerConfig } from '../config/server-config.ts';
import { serverMigrations } from '../db/migrations/index.ts';
import type { ServerDb } from '../db/schema.ts';
import type { CommandContext } from './command-context.ts';

/**
 * Opens the database the server uses with the same --config / --data / KITH_… settings, and brings it to
 * the current schema first (a command may run before the server ever started, or after an upgrade).
 */
export async function openServerDb(
  flags: ConfigFlags,
  { cwd, env }: Pick<CommandContext, 'cwd' | 'env'>,
): Promise<{ db: Kysely<ServerDb>; config: ServerConfig; dbFile: string }> {
  const { config, dbFile } = loadConfig(flags, cwd, env);
  await mkdir(dirname(dbFile), { recursive: true });
  const db = await openDatabase<ServerDb>({ file: dbFile });
  try {
    await migrate(db as Kysely<unknown>, serverMigrations, { file: dbFile });
  } catch (err) {
    await db.destroy();
    throw err;
  }
  return { db, config, dbFile };
}
