import type { Kysely } from 'kysely';
import type { ReadDb } from '#shared/node/open-database';
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
