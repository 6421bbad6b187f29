import { createHash, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { ReadDb } from '#shared/node/open-database';
import { KithError } from '#shared/errors';
import type { ServerDb } from '../db/schema.ts';
import { findPerson } from './people.repo.ts';

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** Issues a new bearer token for a live person; only its hash is stored, so the token is shown once. */
export async function issueToken(db: Kysely<ServerDb>, personId: string, now = new Date()): Promise<string> {
  if (!(await findPerson(db, personId))) throw new KithError('not_found', `No person with id ${personId}`);
  const token = randomBytes(32).toString('base64url');
  await db
    .insertInto('tokens')
    .values({ token_hash: hashToken(token), person_id: personId, created_at: now.toISOString() })
    .execute();
  return token;
}

/** The live person a token belongs to, or undefined for an unknown token or a deleted person. */
export async function findPersonIdByToken(db: ReadDb<ServerDb>, token: string): Promise<string | undefined> {
  const row = await db
    .selectFrom('tokens')
    .innerJoin('people', 'people.id', 'tokens.person_id')
    .select('people.id')
    .where('tokens.token_hash', '=', hashToken(token))
    .where('people.deleted', '=', 0)
    .executeTakeFirst();
  return row?.id;
}
