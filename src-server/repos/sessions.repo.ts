import { randomUUID } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { Person } from '#shared/domain/person';
import type { ReadDb } from '#shared/node/open-database';
import type { AuthSession } from '#shared/wire/auth';
import { KithError } from '#shared/errors';
import type { ServerDb } from '../db/schema.ts';
import { inTransaction } from '../db/in-transaction.ts';
import { findPerson } from './people.repo.ts';
import { hashToken, newSecretToken } from './tokens.repo.ts';

/** An access token lives an hour; the app refreshes it before then. */
export const ACCESS_TOKEN_SECONDS = 60 * 60;
/** A refresh token lives 30 days; each refresh hands out a new one, so a session in use never ends. */
export const REFRESH_TOKEN_SECONDS = 30 * 24 * 60 * 60;

type Writable = Kysely<ServerDb> | Transaction<ServerDb>;

function later(now: Date, seconds: number) {
  return new Date(now.getTime() + seconds * 1000).toISOString();
}

async function insertPair(db: Writable, familyId: string, person: Person, now: Date): Promise<AuthSession> {
  const accessToken = newSecretToken();
  const refreshToken = newSecretToken();
  const common = { family_id: familyId, person_id: person.id, created_at: now.toISOString(), used_at: null };
  await db
    .insertInto('session_tokens')
    .values([
      {
        ...common,
        token_hash: hashToken(accessToken),
        kind: 'access',
        expires_at: later(now, ACCESS_TOKEN_SECONDS),
      },
      {
        ...common,
        token_hash: hashToken(refreshToken),
        kind: 'refresh',
        expires_at: later(now, REFRESH_TOKEN_SECONDS),
      },
    ])
    .execute();
  return {
    accessToken,
    expiresIn: ACCESS_TOKEN_SECONDS,
    refreshToken,
    refreshExpiresIn: REFRESH_TOKEN_SECONDS,
    person,
  };
}

/**
 * Signs a live, active person in: a new session family with an access token and a refresh token (only their
 * hashes are stored, so the tokens are shown once). Sweeps expired rows on the way.
 */
export async function issueSession(
  db: Kysely<ServerDb>,
  personId: string,
  now = new Date(),
): Promise<AuthSession> {
  const person = await findPerson(db, personId);
  if (!person) throw new KithError('not_found', `No person with id ${personId}`);
  if (!person.active) throw new KithError('unauthorized', `${person.name}'s account is deactivated`);
  await sweepExpiredSessions(db, now);
  return insertPair(db, randomUUID(), person, now);
}

/** A new session's access token (tests, benchmarks and scripts that act as a person). */
export async function issueToken(db: Kysely<ServerDb>, personId: string, now = new Date()): Promise<string> {
  return (await issueSession(db, personId, now)).accessToken;
}

/** Who an access token signs in, or why it does not. */
export type AccessCheck =
  { ok: true; personId: string } | { ok: false; reason: 'unknown' | 'expired' | 'inactive' };

export async function checkAccessToken(
  db: ReadDb<ServerDb>,
  accessToken: string,
  now = new Date(),
): Promise<AccessCheck> {
  const row = await db
    .selectFrom('session_tokens')
    .innerJoin('people', 'people.id', 'session_tokens.person_id')
    .select(['people.id', 'people.active', 'session_tokens.expires_at'])
    .where('session_tokens.token_hash', '=', hashToken(accessToken))
    .where('session_tokens.kind', '=', 'access')
    .where('people.deleted', '=', 0)
    .executeTakeFirst();
  if (!row) return { ok: false, reason: 'unknown' };
  if (row.expires_at <= now.toISOString()) return { ok: false, reason: 'expired' };
  if (row.active !== 1) return { ok: false, reason: 'inactive' };
  return { ok: true, personId: row.id };
}

/** A refresh's outcome: a new session, or why not (reused: the family has just been revoked). */
export type RefreshResult =
  | { ok: true; session: AuthSession }
  | { ok: false; reason: 'unknown' | 'expired' | 'reused' | 'inactive' | 'deactivated' };

/**
 * Exchanges a refresh token for a new pair in its family and marks it used. A used token presented again is
 * a reuse (a stolen copy, or the legitimate one after a thief refreshed): the whole family is revoked.
 * A deactivated or deleted person's family is revoked too.
 */
export async function refreshSession(
  db: Kysely<ServerDb>,
  refreshToken: string,
  now = new Date(),
): Promise<RefreshResult> {
  return inTransaction(db, async (trx) => {
    const row = await trx
      .selectFrom('session_tokens')
      .select(['family_id', 'person_id', 'expires_at', 'used_at', 'revoked_because'])
      .where('token_hash', '=', hashToken(refreshToken))
      .where('kind', '=', 'refresh')
      .executeTakeFirst();
    if (!row) return { ok: false, reason: 'unknown' } as const;
    if (row.revoked_because !== null) {
      // Told once: the family goes now, so it is not a live session if the person is reactivated.
      await revokeFamily(trx, row.family_id);
      return { ok: false, reason: 'deactivated' } as const;
    }
    if (row.used_at !== null) {
      await revokeFamily(trx, row.family_id);
      return { ok: false, reason: 'reused' } as const;
    }
    if (row.expires_at <= now.toISOString()) return { ok: false, reason: 'expired' } as const;
    const person = await findPerson(trx, row.person_id);
    if (!person?.active) {
      await revokeFamily(trx, row.family_id);
      return { ok: false, reason: 'inactive' } as const;
    }
    // Claims the token only if no concurrent refresh got there first.
    const claimed = await trx
      .updateTable('session_tokens')
      .set({ used_at: now.toISOString() })
      .where('token_hash', '=', hashToken(refreshToken))
      .where('used_at', 'is', null)
      .executeTakeFirst();
    if (claimed.numUpdatedRows !== 1n) {
      await revokeFamily(trx, row.family_id);
      return { ok: false, reason: 'reused' } as const;
    }
    return { ok: true, session: await insertPair(trx, row.family_id, person, now) } as const;
  });
}

async function revokeFamily(db: Writable, familyId: string) {
  await db.deleteFrom('session_tokens').where('family_id', '=', familyId).execute();
}

/** Sign-out: revokes the family of a refresh token (used or not). True when there was one. */
export async function revokeSessionByRefreshToken(
  db: Kysely<ServerDb>,
  refreshToken: string,
): Promise<boolean> {
  return inTransaction(db, async (trx) => {
    const row = await trx
      .selectFrom('session_tokens')
      .select('family_id')
      .where('token_hash', '=', hashToken(refreshToken))
      .where('kind', '=', 'refresh')
      .executeTakeFirst();
    if (row) await revokeFamily(trx, row.family_id);
    return row !== undefined;
  });
}

/**
 * Revokes every session of a person: call it in the transaction that deactivates or deletes them (SCIM,
 * the HR import, deletePerson), so their next request or refresh is refused. Their access tokens go; their
 * unused refresh tokens stay marked (until they expire) so the app's next refresh says why its session
 * ended, and never works again, even if the person is reactivated.
 */
export async function revokeSessionsOf(trx: Writable, personId: string): Promise<void> {
  await trx
    .deleteFrom('session_tokens')
    .where('person_id', '=', personId)
    .where((eb) => eb.or([eb('kind', '=', 'access'), eb('used_at', 'is not', null)]))
    .execute();
  await trx
    .updateTable('session_tokens')
    .set({ revoked_because: 'person_deactivated' })
    .where('person_id', '=', personId)
    .where('kind', '=', 'refresh')
    .execute();
}

/**
 * Deletes expired tokens. A used refresh token stays until it expires, so reuse is still detected until then;
 * after that it is simply unknown. Returns how many rows went.
 */
export async function sweepExpiredSessions(db: Writable, now = new Date()): Promise<number> {
  const result = await db
    .deleteFrom('session_tokens')
    .where('expires_at', '<=', now.toISOString())
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
