import type { Transaction } from 'kysely';
import type { ReadDb } from '#shared/node/open-database';
import type { MutationResult } from '#shared/wire/push';
import type { NoteCipherContext } from '../notes/note-cipher.ts';
import type { LocalDb, OutboxTable } from '../store/local-db.ts';

/** A queued write of a pushed batch and the server's answer to it. */
export interface PushedWrite {
  row: OutboxTable;
  status: MutationResult['status'];
}

export interface SettleContext {
  /** The notes key, to encrypt the conflict copies a push may create. */
  cipher: NoteCipherContext | null;
  now: number;
}

/**
 * What push does with one kind of queued write (outboxKind); each entity declares its entry, push-outbox.ts
 * assembles the table. Both steps run in the transaction that settles a batch and return how many of the
 * entity's items changed for the UI.
 */
export interface PushHandler {
  /** What a refused write was, in words a person recognizes, read from the cache before it is undone. */
  describe(db: ReadDb<LocalDb>, row: OutboxTable): Promise<string>;
  /**
   * Undoes refused writes once they have left the outbox, before the acknowledged ones leave: until the next
   * pull brings those back as the server's version, they still show on top of the old one.
   */
  rollBack?(trx: Transaction<LocalDb>, rejected: readonly OutboxTable[]): Promise<number>;
  /**
   * Settles the entity's writes of the batch, whatever their answer, once the acknowledged and refused ones
   * have left the outbox. Only an entity that settles owns `conflict` answers (a note's conflict copy); any
   * other entity's conflicting write stays queued.
   */
  settle?(trx: Transaction<LocalDb>, pushed: readonly PushedWrite[], context: SettleContext): Promise<number>;
}
