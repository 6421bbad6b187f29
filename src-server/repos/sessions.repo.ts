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
/**
 * A refresh token lives 30 days, and no longer than 30 days after the family's sign-in: each refresh hands out
 * a new one, but a session ends that long after sign-in, so the identity provider is asked again at least then.
 */
export const REFRESH_TOKEN_SECONDS = 30 * 24 * 60 * 60;
/**
 * A used refresh token presented again this soon after its use, while its successor is still unused, is taken
 * for a retry whose answer was lost (timeout after commit, laptop sleep), not for theft.
 */
export const REFRESH_RETRY_GRACE_SECONDS = 60;

type Writable = Kysely<ServerDb> | Transaction<ServerDb>;

function later(now: Date, seconds: number) {
  return new Date(now.getTime() + seconds * 1000).toISOString();
}

interface Family {
  id: string;
  /** ISO time of the family's sign-in. */
  startedAt: string;
}

async function insertPair(db: Writable, family: Family, person: Person, now: Date): Promise<AuthSession> {
  const accessToken = newSecretToken();
  const refreshToken = newSecretToken();
  // Neither token outlives the family: sign-in plus the refresh token's lifetime.
  const familyLeft = Math.floor(
    (Date.parse(family.startedAt) + REFRESH_TOKEN_SECONDS * 1000 - now.getTime()) / 1000,
  );
  const expiresIn = Math.min(ACCESS_TOKEN_SECONDS, familyLeft);
  const refreshExpiresIn = Math.min(REFRESH_TOKEN_SECONDS, familyLeft);
  const common = {
    family_id: family.id,
    family_started_at: family.startedAt,
    person_id: person.id,
    created_at: now.toISOString(),
    used_at: null,
  };
  await db
    .insertInto('session_tokens')
    .values([
      { ...common, token_hash: hashToken(accessToken), kind: 'access', expires_at: later(now, expiresIn) },
      {
        ...common,
        token_hash: hashToken(refreshToken),
        kind: 'refresh',
        expires_at: later(now, refreshExpiresIn),
      },
    ])
    .execute();
  return { accessToken, expiresIn, refreshToken, refreshExpiresIn, person };
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
  return insertPair(db, { id: randomUUID(), startedAt: now.toISOString() }, person, now);
}

/**
 * Records that an ID token (kept as sha256 until `expiresAt`, its own expiry) is being exchanged for a session:
 * false when it already was, so each ID token signs in once. Call it in the transaction that issues the session.
 */
export async function claimIdToken(db: Writable, idToken: string, expiresAt: Date): Promise<boolean> {
  const result = await db
    .insertInto('used_id_tokens')
    .values({ token_hash: hashToken(idToken), expires_at: expiresAt.toISOString() })
    .onConflict((oc) => oc.column('token_hash').doNothing())
    .executeTakeFirst();
  return result.numInsertedOrUpdatedRows === 1n;
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
 * a reuse (a stolen copy, or the legitimate one after a thief refreshed): the whole family is revoked, unless
 * it is a retry within the grace (see isLostAnswerRetry). A deactivated or deleted person's family is revoked too.
 */
export async function refreshSession(
  db: Kysely<ServerDb>,
  refreshToken: string,
  now = new Date(),
): Promise<RefreshResult> {
  return inTransaction(db, async (trx) => {
    const row = await trx
      .selectFrom('session_tokens')
      .select(['family_id', 'family_started_at', 'person_id', 'expires_at', 'used_at', 'revoked_because'])
      .where('token_hash', '=', hashToken(refreshToken))
      .where('kind', '=', 'refresh')
      .executeTakeFirst();
    if (!row) return { ok: false, reason: 'unknown' } as const;
    if (row.revoked_because !== null) {
      // Told once: the family goes now, so it is not a live session if the person is reactivated.
      await revokeFamily(trx, row.family_id);
      return { ok: false, reason: 'deactivated' } as const;
    }
    const retriedAfter = row.used_at;
    if (retriedAfter !== null && !(await isLostAnswerRetry(trx, row.family_id, retriedAfter, now))) {
      await revokeFamily(trx, row.family_id);
      return { ok: false, reason: 'reused' } as const;
    }
    if (row.expires_at <= now.toISOString()) return { ok: false, reason: 'expired' } as const;
    const person = await findPerson(trx, row.person_id);
    if (!person?.active) {
      await revokeFamily(trx, row.family_id);
      return { ok: false, reason: 'inactive' } as const;
    }
    const family = { id: row.family_id, startedAt: row.family_started_at };
    if (retriedAfter !== null) {
      // The successor pair whose answer was lost goes; the token keeps its first use time, so the grace ends.
      await trx
        .deleteFrom('session_tokens')
        .where('family_id', '=', row.family_id)
        .where('created_at', '>=', retriedAfter)
        .execute();
      return { ok: true, session: await insertPair(trx, family, person, now) } as const;
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
    return { ok: true, session: await insertPair(trx, family, person, now) } as const;
  });
}

/**
 * A used refresh token presented again is a retry of a refresh whose answer was lost when it was used less
 * than the grace ago and nothing issued since in its family (its successor pair) has been used.
 */
async function isLostAnswerRetry(db: Writable, familyId: string, usedAt: string, now: Date) {
  if (now.getTime() - Date.parse(usedAt) >= REFRESH_RETRY_GRACE_SECONDS * 1000) return false;
  const usedSince = await db
    .selectFrom('session_tokens')
    .select('token_hash')
    .where('family_id', '=', familyId)
    .where('kind', '=', 'refresh')
    .where('created_at', '>=', usedAt)
    .where('used_at', 'is not', null)
    .executeTakeFirst();
  return usedSince === undefined;
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
 * Deletes expired tokens, and the record of used ID tokens that have expired (they are refused as expired now).
 * A used refresh token stays until it expires, so reuse is still detected until then; after that it is simply
 * unknown. Returns how many session tokens went.
 */
export async function sweepExpiredSessions(db: Writable, now = new Date()): Promise<number> {
  await db.deleteFrom('used_id_tokens').where('expires_at', '<=', now.toISOString()).execute();
  const result = await db
    .deleteFrom('session_tokens')
    .where('expires_at', '<=', now.toISOString())
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
