import type { Kysely } from 'kysely';
import { WrappedNotesKey } from '#shared/wire/notes';
import type { ReadDb } from '#shared/node/open-database';
import { KithError } from '#shared/errors';
import type { ServerDb } from '../db/schema.ts';
import { inTransaction } from '../db/in-transaction.ts';

/** The owner's wrapped notes key, or null before they set up a passphrase on any device. */
export async function findNotesKey(db: ReadDb<ServerDb>, ownerId: string): Promise<WrappedNotesKey | null> {
  const row = await db
    .selectFrom('notes_keys')
    .select('wrapped')
    .where('owner_id', '=', ownerId)
    .executeTakeFirst();
  return row ? WrappedNotesKey.parse(JSON.parse(row.wrapped)) : null;
}

/**
 * Stores the owner's wrapped notes key: the first one, or a new wrapping of the same key (same keyId: a
 * passphrase change). A different keyId is a conflict: another device set up notes encryption first, and
 * replacing its key would leave every note it encrypted unreadable.
 */
export async function putNotesKey(
  db: Kysely<ServerDb>,
  ownerId: string,
  key: WrappedNotesKey,
  now: number,
): Promise<WrappedNotesKey> {
  return inTransaction(db, async (trx) => {
    const current = await trx
      .selectFrom('notes_keys')
      .select('key_id')
      .where('owner_id', '=', ownerId)
      .executeTakeFirst();
    if (current && current.key_id !== key.keyId) {
      throw new KithError(
        'conflict',
        'Notes encryption was already set up on another device: unlock with that passphrase',
      );
    }
    const row = { owner_id: ownerId, key_id: key.keyId, wrapped: JSON.stringify(key), updated_at: now };
    await trx
      .insertInto('notes_keys')
      .values(row)
      .onConflict((oc) => oc.column('owner_id').doUpdateSet({ wrapped: row.wrapped, updated_at: now }))
      .execute();
    return key;
  });
}
