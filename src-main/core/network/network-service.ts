import type { Connection } from '#shared/domain/connection';
import { NetworkQuery, type SaveConnectionInput } from '#shared/domain/network';
import { KithError } from '#shared/errors';
import type { ContractHandlers } from '#shared/ipc/contract';
import type { LocalWriterOptions } from '../core-types.ts';
import { announceWrites } from '../events.ts';
import { runPrepared, type PreparedWrite } from '../store/prepared-write.ts';
import { findConnection, recomputeConnections } from './connections.repo.ts';
import { listNetwork } from './network.repo.ts';
import { appendToOutbox, type NewConnectionMutation } from '../sync/outbox.repo.ts';
import { deleteRejectedWrite, listRejectedWrites } from '../sync/rejected-writes.repo.ts';

/**
 * The user's connections: reads, and offline-first writes (the row and its outbox entry in one transaction),
 * each followed by 'network.changed'.
 */
export function createNetworkService(options: LocalWriterOptions) {
  const { db, signedInPersonId, now = Date.now } = options;
  const onWritten = announceWrites(options, 'network.changed');

  async function checkTarget(personId: string) {
    const me = await signedInPersonId();
    if (!me) throw new KithError('unauthorized', 'Sign in to record your connections');
    if (personId === me) throw new KithError('invalid_input', 'You cannot record a connection with yourself');
    const person = await db.selectFrom('people').select('id').where('id', '=', personId).executeTakeFirst();
    if (!person) throw new KithError('not_found', `No colleague with id ${personId} in the directory`);
  }

  async function write(mutation: NewConnectionMutation): Promise<Connection | null> {
    const connection = await db.transaction().execute(async (trx) => {
      await appendToOutbox(trx, { mutation }, now());
      await recomputeConnections(trx, [mutation.personId]);
      return findConnection(trx, mutation.personId);
    });
    onWritten();
    return connection;
  }

  /** Checks every target first (nothing written yet), then gives the writes to run in one transaction. */
  async function prepareAddConnections(
    inputs: readonly SaveConnectionInput[],
  ): Promise<PreparedWrite<Connection[]>> {
    for (const { personId } of inputs) await checkTarget(personId);
    let added = 0;
    return {
      async write(trx) {
        const ids: string[] = [];
        for (const { personId, patch } of inputs) {
          if (ids.includes(personId) || (await findConnection(trx, personId))) continue;
          await appendToOutbox(trx, { mutation: { type: 'connection.put', personId, patch } }, now());
          ids.push(personId);
        }
        if (ids.length) await recomputeConnections(trx, ids);
        const saved = await Promise.all(ids.map((id) => findConnection(trx, id)));
        added = ids.length;
        return saved.filter((c): c is Connection => c !== null);
      },
      notify() {
        if (added) onWritten();
      },
    };
  }

  return {
    listConnections: (query: NetworkQuery) => listNetwork(db, NetworkQuery.parse(query)),
    getConnection: (personId: string) => findConnection(db, personId),

    async saveConnection({ personId, patch }: SaveConnectionInput): Promise<Connection> {
      await checkTarget(personId);
      const existing = await findConnection(db, personId);
      if (existing && Object.keys(patch).length === 0) return existing; // nothing to change, nothing to queue
      const saved = await write({ type: 'connection.put', personId, patch });
      if (!saved) throw new KithError('internal', `The connection with ${personId} was not saved`);
      return saved;
    },

    /** New connections in bulk (an import), all checked first, then queued in one transaction; existing ones are left as they are. */
    addConnections: async (inputs: readonly SaveConnectionInput[]): Promise<Connection[]> =>
      runPrepared(db, await prepareAddConnections(inputs)),

    /** addConnections for a caller that runs the writes in its own transaction with others (an import). */
    prepareAddConnections,

    async removeConnection(personId: string): Promise<{ removed: boolean }> {
      await checkTarget(personId);
      if (!(await findConnection(db, personId))) return { removed: false };
      await write({ type: 'connection.delete', personId });
      return { removed: true };
    },

    listRejected: () => listRejectedWrites(db),
    async dismissRejected(mutationId: number) {
      await deleteRejectedWrite(db, mutationId);
      return {};
    },
  };
}
export type NetworkService = ReturnType<typeof createNetworkService>;

export const networkHandlers = (network: NetworkService): ContractHandlers['network'] => ({
  listConnections: async (query) => ({ items: await network.listConnections(query) }),
  getConnection: ({ personId }) => network.getConnection(personId),
  saveConnection: (input) => network.saveConnection(input),
  removeConnection: ({ personId }) => network.removeConnection(personId),
});
