import { findPersonName } from '../store/people.repo.ts';
import type { PushHandler } from '../sync/push-handler.ts';
import { recomputeConnections } from './connections.repo.ts';

/** A refused connection write is undone by rebuilding its person's row without it. */
export const connectionPush: PushHandler = {
  async describe(db, row) {
    const name = await findPersonName(db, row.person_id);
    return row.type === 'connection.delete'
      ? `Removing the connection with ${name}`
      : `Connection with ${name}`;
  },
  async rollBack(trx, rejected) {
    const personIds = rejected.map((row) => row.person_id);
    await recomputeConnections(trx, personIds);
    return new Set(personIds).size;
  },
};
