import type { Kysely, Transaction } from 'kysely';
import { KithError } from '#shared/errors';
import { countNotes } from '../notes/notes.repo.ts';
import type { LocalDb } from '../store/local-db.ts';
import { countOutbox } from '../sync/outbox.repo.ts';

export interface UnsavedWritesOptions {
  db: Kysely<LocalDb>;
  /** Tries to push what is queued; resolves with how many local writes still have not reached the server. */
  flushPendingWrites: () => Promise<number>;
  /** Whether notes sync from this device (the notes key is here): then they are on the server, not only here. */
  notesSynced?: () => Promise<boolean>;
}

/** Refuses `action` when it would lose notes kept only here or writes still queued. */
function refuseIfUnsaved(action: string, { notes, pending }: { notes: number; pending: number }) {
  if (notes > 0) {
    throw new KithError(
      'unavailable',
      `${notes} ${notes === 1 ? 'note is' : 'notes are'} only on this computer: notes sync once you set up ` +
        `a passphrase for them. ` +
        `${action.charAt(0).toUpperCase()}${action.slice(1)} would delete ${notes === 1 ? 'it' : 'them'}; ` +
        `delete ${notes === 1 ? 'it' : 'them'} first if you no longer need ${notes === 1 ? 'it' : 'them'}.`,
    );
  }
  if (pending > 0) {
    throw new KithError(
      'unavailable',
      `${pending} ${pending === 1 ? 'change has' : 'changes have'} not reached the server yet. ` +
        `Connect and sync before ${action}, so nothing you wrote is lost.`,
    );
  }
}

/** Nothing the user wrote is ever lost: leaving an account (signing out, switching) waits for its writes. */
export function createUnsavedWritesGuard({ db, flushPendingWrites, notesSynced }: UnsavedWritesOptions) {
  return {
    /**
     * Refuses `action` while notes live only here or writes are queued. Returns whether notes sync from here,
     * for the same check again where the cache is cleared.
     */
    async refuse(action: string): Promise<{ notesSynced: boolean }> {
      // Notes never reach the server until end-to-end encryption is set up: leaving would delete them.
      // Once it is, they are pushed like any write below (their copy stays wrapped on the server).
      const synced = (await notesSynced?.()) === true;
      refuseIfUnsaved(action, { notes: synced ? 0 : await countNotes(db), pending: 0 });
      refuseIfUnsaved(action, { notes: 0, pending: await flushPendingWrites() });
      return { notesSynced: synced };
    },

    /**
     * The same check in the transaction that clears the cache: a note or an edit saved since the first check
     * (while syncing stopped) would be wiped with it, so the clearing is refused instead.
     */
    async recheck(trx: Transaction<LocalDb>, action: string, synced: boolean) {
      refuseIfUnsaved(action, {
        notes: synced ? 0 : await countNotes(trx),
        pending: await countOutbox(trx),
      });
    },
  };
}
