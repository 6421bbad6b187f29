import type { Kysely } from 'kysely';
import type { Mutation, MutationResult, PushRequest, PushResponse } from '#shared/wire/push';
import { KithError } from '#shared/errors';
import type { ServerDb } from '../db/schema.ts';
import {
  findClient,
  findUnappliedResults,
  isUnapplied,
  recordUnappliedResults,
  upsertClient,
} from '../repos/client-mutations.repo.ts';
import { writeConnections, type ConnectionEdit } from '../repos/connections.repo.ts';
import { findLivePersonIds } from '../repos/people.repo.ts';
import { applyCommunityMutations, isCommunityMutation } from './community-mutations.ts';
import { applyNoteMutations, isNoteMutation } from './note-mutations.ts';

type ConnectionMutation = Extract<Mutation, { type: `connection.${string}` }>;

const isConnectionMutation = (m: Mutation): m is ConnectionMutation => m.type.startsWith('connection.');

/**
 * Applies a push for its owner in ONE transaction, mutations in order. A mutation id at or below the
 * client's last processed one is a retry, processed once already: `duplicate` when it was applied, else the
 * conflict or rejection it got then (stored with its reason), since the answer may have been lost and the
 * client must still make its conflict copy or show the refusal. Connections, notes and communities touch
 * separate tables, so each kind is applied in order on its own (the first two in one batched write each):
 * the outcome is the same as applying the whole batch in order.
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
    const previous = client?.lastMutationId ?? 0;
    const fresh = mutations.filter((m) => m.mutationId > previous);
    const retried = await findUnappliedResults(
      trx,
      clientId,
      mutations.filter((m) => m.mutationId <= previous).map((m) => m.mutationId),
    );
    const settled = [
      ...(await applyConnectionMutations(trx, ownerId, fresh.filter(isConnectionMutation), now)),
      ...(await applyNoteMutations(trx, ownerId, clientId, fresh.filter(isNoteMutation), now)),
      ...(await applyCommunityMutations(trx, ownerId, fresh.filter(isCommunityMutation), now)),
    ];
    const byId = new Map(settled.map((r) => [r.mutationId, r]));
    const results = mutations.map(
      ({ mutationId }): MutationResult =>
        byId.get(mutationId) ?? retried.get(mutationId) ?? { mutationId, status: 'duplicate' },
    );
    const last = fresh.at(-1)?.mutationId ?? previous;
    if (!client || last !== client.lastMutationId) {
      await upsertClient(trx, clientId, { ownerId, lastMutationId: last });
    }
    const unapplied = [...byId.values()].filter(isUnapplied).sort((a, b) => a.mutationId - b.mutationId);
    await recordUnappliedResults(trx, clientId, unapplied, mutations[0]?.mutationId ?? 0);
    return { results };
  });
}

async function applyConnectionMutations(
  trx: Kysely<ServerDb>,
  ownerId: string,
  mutations: readonly ConnectionMutation[],
  now: number,
): Promise<MutationResult[]> {
  const colleagues = await findLivePersonIds(
    trx,
    mutations.filter((m) => m.type === 'connection.put').map((m) => m.personId),
  );
  const edits: ConnectionEdit[] = [];
  const results = mutations.map((mutation): MutationResult => {
    const { mutationId, personId } = mutation;
    if (mutation.type === 'connection.delete') {
      // No check on the person: a colleague who left can still be removed.
      edits.push({ personId, remove: true });
      return { mutationId, status: 'applied' };
    }
    if (personId === ownerId)
      return { mutationId, status: 'rejected', reason: "You can't connect to yourself" };
    if (!colleagues.has(personId)) {
      return { mutationId, status: 'rejected', reason: `No colleague with id ${personId}` };
    }
    edits.push({ personId, patch: mutation.patch });
    return { mutationId, status: 'applied' };
  });
  await writeConnections(trx, ownerId, edits, now);
  return results;
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
