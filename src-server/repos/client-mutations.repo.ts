import type { Kysely } from 'kysely';
import type { ReadDb } from '#shared/node/open-database';
import type { MutationResult } from '#shared/wire/push';
import type { ServerDb } from '../db/schema.ts';

export interface ClientState {
  ownerId: string;
  lastMutationId: number;
}

/** Who owns a client id and the last of its mutations the server processed; undefined for a new client. */
export async function findClient(db: ReadDb<ServerDb>, clientId: string): Promise<ClientState | undefined> {
  const row = await db
    .selectFrom('client_mutations')
    .select(['owner_id', 'last_mutation_id'])
    .where('client_id', '=', clientId)
    .executeTakeFirst();
  return row && { ownerId: row.owner_id, lastMutationId: row.last_mutation_id };
}

/** Records the last processed mutation of a client, claiming the client id for its owner on first use. */
export async function upsertClient(
  db: Kysely<ServerDb>,
  clientId: string,
  { ownerId, lastMutationId }: ClientState,
): Promise<void> {
  await db
    .insertInto('client_mutations')
    .values({ client_id: clientId, owner_id: ownerId, last_mutation_id: lastMutationId })
    .onConflict((oc) => oc.column('client_id').doUpdateSet({ last_mutation_id: lastMutationId }))
    .execute();
}

/** A mutation's result that was not `applied`: what a retry of it is told again. */
export type UnappliedResult = MutationResult & { status: 'conflict' | 'rejected' };

export const isUnapplied = (result: MutationResult): result is UnappliedResult =>
  result.status === 'conflict' || result.status === 'rejected';

/** The stored results of these (retried) mutations of a client that were not applied, by mutation id. */
export async function findUnappliedResults(
  db: ReadDb<ServerDb>,
  clientId: string,
  mutationIds: readonly number[],
): Promise<Map<number, UnappliedResult>> {
  const found = new Map<number, UnappliedResult>();
  if (mutationIds.length === 0) return found;
  const rows = await db
    .selectFrom('unapplied_mutations')
    .select(['mutation_id', 'status', 'reason'])
    .where('client_id', '=', clientId)
    .where('mutation_id', 'in', mutationIds)
    .execute();
  for (const { mutation_id: mutationId, status, reason } of rows) {
    found.set(mutationId, reason === null ? { mutationId, status } : { mutationId, status, reason });
  }
  return found;
}

/**
 * Remembers the results of a client's mutations that were not applied, in the caller's transaction (after
 * upsertClient). The client's rows below `settledBelow` (the first id of this push) go: the client pushes its
 * outbox in order, so it has settled them and will not retry them.
 */
export async function recordUnappliedResults(
  db: Kysely<ServerDb>,
  clientId: string,
  results: readonly UnappliedResult[],
  settledBelow: number,
): Promise<void> {
  if (results.length === 0) return;
  await db
    .deleteFrom('unapplied_mutations')
    .where('client_id', '=', clientId)
    .where('mutation_id', '<', settledBelow)
    .execute();
  await db
    .insertInto('unapplied_mutations')
    .values(
      results.map(({ mutationId, status, reason }) => ({
        client_id: clientId,
        mutation_id: mutationId,
        status,
        reason: reason ?? null,
      })),
    )
    .execute();
}
