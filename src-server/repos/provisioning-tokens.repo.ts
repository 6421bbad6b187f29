import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { KithError } from '#shared/errors';
import type { ServerDb } from '../db/schema.ts';
import { hashToken, newSecretToken } from './tokens.repo.ts';

/** A provisioning token as `tokens list` shows it: never the token itself. */
export interface ProvisioningTokenInfo {
  id: string;
  name: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

/** Prefixed so a leaked one is recognisable in logs and secret scanners. */
const PREFIX = 'kith_scim_';

/** Creates a token for /scim/v2; returns it once (only its hash is stored). */
export async function createProvisioningToken(
  db: Kysely<ServerDb>,
  name: string,
  now = new Date(),
): Promise<{ id: string; token: string }> {
  const label = name.trim();
  if (label.length === 0 || label.length > 100)
    throw new KithError('invalid_input', 'A token name has 1 to 100 characters');
  const token = PREFIX + newSecretToken();
  const id = randomUUID();
  await db
    .insertInto('provisioning_tokens')
    .values({ id, name: label, token_hash: hashToken(token), created_at: now.toISOString() })
    .execute();
  return { id, token };
}

export async function listProvisioningTokens(db: Kysely<ServerDb>): Promise<ProvisioningTokenInfo[]> {
  const rows = await db
    .selectFrom('provisioning_tokens')
    .selectAll()
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    createdAt: r.created_at,
    lastUsedAt: r.last_used_at,
    revokedAt: r.revoked_at,
  }));
}

/** Revokes a token by id; false when there is no live token with that id. */
export async function revokeProvisioningToken(
  db: Kysely<ServerDb>,
  id: string,
  now = new Date(),
): Promise<boolean> {
  const result = await db
    .updateTable('provisioning_tokens')
    .set({ revoked_at: now.toISOString() })
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/**
 * The live provisioning token a request presents, or undefined. Records when it was last used, at most once a
 * minute, so `tokens list` tells a live integration from a forgotten one without a write per request.
 */
export async function findProvisioningToken(
  db: Kysely<ServerDb>,
  token: string,
  now = new Date(),
): Promise<{ id: string; name: string } | undefined> {
  if (!token.startsWith(PREFIX)) return undefined;
  const row = await db
    .selectFrom('provisioning_tokens')
    .select(['id', 'name', 'last_used_at'])
    .where('token_hash', '=', hashToken(token))
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  if (!row) return undefined;
  const stale = !row.last_used_at || now.getTime() - Date.parse(row.last_used_at) > 60_000;
  if (stale) {
    await db
      .updateTable('provisioning_tokens')
      .set({ last_used_at: now.toISOString() })
      .where('id', '=', row.id)
      .execute();
  }
  return { id: row.id, name: row.name };
}
