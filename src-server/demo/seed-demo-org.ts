import type { Kysely } from 'kysely';
import type { ServerDb } from '../db/schema.ts';
import { hasPeople, insertPeople } from '../repos/people.repo.ts';
import { upsertMeta } from '../repos/server-meta.repo.ts';
import { generateOrg, type DemoOrgOptions } from './generate-org.ts';

/**
 * Fills an empty database with a generated org, in one transaction, and records its demo user.
 * A database that already has people keeps them. Returns whether it seeded.
 */
export async function seedDemoOrg(db: Kysely<ServerDb>, options: DemoOrgOptions): Promise<boolean> {
  if (await hasPeople(db)) return false;
  const org = generateOrg(options);
  await db.transaction().execute(async (trx) => {
    await insertPeople(trx, org.people);
    await upsertMeta(trx, 'demo_user_id', org.demoUserId);
  });
  return true;
}
