import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import { migrate } from '#shared/node/migrate';
import { openDatabase } from '#shared/node/open-database';
import type { PersonColumns } from '#shared/node/person-columns';
import { localMigrations } from './migrations/index.ts';

export interface PeopleTable extends PersonColumns {
  pk: number | null;
  /** The server's change sequence number of this version. */
  seq: number;
}

export interface PersonSkillsTable {
  skill: string;
  person_id: string;
}

export interface LocalStateTable {
  key: string;
  value: string;
}

/** The local cache's schema, as Kysely sees it (people_fts is reached through raw SQL only). */
export interface LocalDb {
  people: PeopleTable;
  person_skills: PersonSkillsTable;
  local_state: LocalStateTable;
}

export const LOCAL_DB_FILE = 'kith.db';

/** Opens the local cache in dataDir and migrates it (backing up a non-empty file first). */
export async function openLocalDb(dataDir: string): Promise<Kysely<LocalDb>> {
  await mkdir(dataDir, { recursive: true });
  const file = join(dataDir, LOCAL_DB_FILE);
  const db = await openDatabase<LocalDb>({ file });
  try {
    await migrate(db as Kysely<unknown>, localMigrations, { file });
  } catch (err) {
    await db.destroy();
    throw err;
  }
  return db;
}
