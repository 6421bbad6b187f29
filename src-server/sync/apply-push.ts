import type { Kysely, Transaction } from 'kysely';
import type { Mutation, MutationResult, PushRequest, PushResponse } from '#shared/wire/push';
import { KithError } from '#shared/errors';
import type { ServerDb } from '../db/schema.ts';
import { findClient, upsertClient } from '../repos/client-mutations.repo.ts';
import { deleteConnection, patchConnection } from '../repos/connections.repo.ts';
import { findPerson } from '../repos/people.repo.ts';

/**
 * Applies a push for its owner in ONE transaction, mutations in order. A mutation id at or below the
 * client's last processed one is a retry (duplicate, applied once already); a rejected one counts as
 * processed too, since the client rolls it back and never sends it again.
 */
export async function applyPush(
  db: Kysely<ServerDb>,
  ownerId: string,
  { clientId, mutations }: PushRequest,
  now = Date.now(),
): Promise<PushResponse> {
  assertIncreasing(mutations);
  return db.transaction().execute(async (trx) => {
    const client = await findClient(trx, clientId);
    if (client && client.ownerId !== ownerId) {
      throw new KithError('forbidden', `Client id ${clientId} belongs to another account`);
    }
    let last = client?.lastMutationId ?? 0;
    const results: MutationResult[] = [];
    for (const mutation of mutations) {
      if (mutation.mutationId <= last) {
        results.push({ mutationId: mutation.mutationId, status: 'duplicate' });
        continue;
      }
      results.push(await applyMutation(trx, ownerId, mutation, now));
      last = mutation.mutationId;
    }
    if (!client || last !== client.lastMutationId) {
      await upsertClient(trx, clientId, { ownerId, lastMutationId: last });
    }
    return { results };
  });
}

async function applyMutation(
  trx: Transaction<ServerDb>,
  ownerId: string,
  mutation: Mutation,
  now: number,
): Promise<MutationResult> {
  const { mutationId, personId } = mutation;
  const key = { ownerId, personId };
  if (mutation.type === 'connection.delete') {
    // No check on the person: a colleague who left can still be removed; deleting nothing is a no-op.
    await deleteConnection(trx, key, now);
    return { mutationId, status: 'applied' };
  }
  if (personId === ownerId)
    return { mutationId, status: 'rejected', reason: "You can't connect to yourself" };
  if (!(await findPerson(trx, personId))) {
    return { mutationId, status: 'rejected', reason: `No colleague with id ${personId}` };
  }
  await patchConnection(trx, key, mutation.patch, now);
  return { mutationId, status: 'applied' };
}

/** Mutation ids name a client's writes in order; a batch out of order is a client bug, refused whole. */
function assertIncreasing(mutations: readonly Mutation[]) {
  mutations.forEach((m, i) => {
    const previous = mutations[i - 1];
    if (previous && m.mutationId <= previous.mutationId) {
      throw new KithError(
        'invalid_input',
        `body field 'mutations.${i}.mutationId': ${m.mutationId} does not follow ${previous.mutationId}; mutation ids must increase`,
      );
    }
  });
}
