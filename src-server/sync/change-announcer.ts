import type { ReadDb } from '#shared/node/open-database';
import type { ServerDb } from '../db/schema.ts';
import { findChangeAudience } from '../repos/change-audience.repo.ts';
import { findCurrentSeq } from '../repos/change-seq.repo.ts';
import type { ChangeHub } from './change-hub.ts';

export interface ChangeAnnouncer {
  /**
   * Call after a write has COMMITTED: publishes to the hub who must hear about every change since the last
   * announcement. Passes run one at a time; calls during a pass share the next one, which sees their writes.
   */
  announce(): Promise<void>;
}

/** Turns committed writes into hub notices; starts from the head as it is now (nobody is listening yet). */
export async function createChangeAnnouncer(db: ReadDb<ServerDb>, hub: ChangeHub): Promise<ChangeAnnouncer> {
  let announced = await findCurrentSeq(db);
  let tail: Promise<void> = Promise.resolve();
  let next: Promise<void> | undefined;

  async function pass() {
    next = undefined;
    // The head first: a write committing after it is announced by its own call, in the next pass.
    const head = await findCurrentSeq(db);
    if (head <= announced) return;
    const audience = await findChangeAudience(db, { since: announced, upTo: head });
    announced = head;
    if (audience.everyone || audience.personIds.length > 0) hub.publish({ cursor: head, ...audience });
  }

  return {
    announce() {
      if (!next) {
        next = tail.then(pass);
        tail = next.catch(() => {});
      }
      return next;
    },
  };
}
