import { z } from 'zod';
import type { ReadDb, WriteDb } from '#shared/node/open-database';
import { AppSettings } from '#shared/domain/settings';
import { ClientId } from '#shared/wire/push';
import { BootstrapSection } from '#shared/wire/sync';
import type { LocalDb } from './local-db.ts';

/** Every key of local_state with the shape of its value; a value that fails its schema reads as absent. */
const stateSchemas = {
  /** Where the next incremental pull starts. Absent until a bootstrap completed. */
  cursor: z.number().int().min(0),
  /** The server's change history that `cursor` belongs to. */
  dataset: z.string(),
  /** A snapshot being streamed in: its history and cursor, the last id applied and how many rows so far. */
  bootstrap: z.object({
    dataset: z.string(),
    cursor: z.number().int().min(0),
    section: BootstrapSection,
    after: z.string(),
    applied: z.number().int().min(0),
  }),
  lastSyncedAt: z.number(),
  /**
   * The server's data was restored or rebuilt (a cursor reset) and the snapshot after it has not completed:
   * a note missing from that snapshot was lost by the server, not deleted (a delete comes as a tombstone).
   */
  serverRestored: z.literal(true),
  /** Whose data this cache holds. */
  account: z.object({
    serverUrl: z.string(),
    personId: z.string(),
    demo: z.boolean(),
    /** A demo org on a server the user typed; absent for the bundled demo server (a new URL each run). */
    remoteDemo: z.literal(true).optional(),
    /** The identity provider signed in through (absent: a demo or a token sign-in). */
    provider: z
      .object({ name: z.string(), clientId: z.string(), endSessionEndpoint: z.string().nullable() })
      .optional(),
  }),
  signedOutReason: z.string(),
  /** This installation's id in pushes: random, created once, kept across accounts. */
  clientId: ClientId,
  /** The last mutation id given to a local write; never goes back, so (clientId, id) is never reused. */
  lastMutationId: z.number().int().min(0),
  /** Whether the server holds a notes key (a passphrase was set up on some device), as last heard. */
  notesKeyOnServer: z.boolean(),
  /** Private communities the user just gained: their older members and posts are fetched once, then dropped from here. */
  communitySnapshotsDue: z.array(z.string()),
  /** This device's settings (not synced; kept across accounts). */
  settings: AppSettings,
  /** When this account's first sync completed here: what it brought is history, never a notification. */
  firstSyncAt: z.number(),
  /** Posts up to this seq have been through the notification rules. */
  notifyWatermark: z.number().int(),
};
export type StateKey = keyof typeof stateSchemas;
export type StateValue<K extends StateKey> = z.infer<(typeof stateSchemas)[K]>;

export async function readState<K extends StateKey>(
  db: ReadDb<LocalDb>,
  key: K,
): Promise<StateValue<K> | null> {
  const row = await db.selectFrom('local_state').select('value').where('key', '=', key).executeTakeFirst();
  if (!row) return null;
  const parsed = stateSchemas[key].safeParse(JSON.parse(row.value));
  return parsed.success ? (parsed.data as StateValue<K>) : null;
}

export async function writeState<K extends StateKey>(db: WriteDb<LocalDb>, key: K, value: StateValue<K>) {
  const json = JSON.stringify(stateSchemas[key].parse(value));
  await db
    .insertInto('local_state')
    .values({ key, value: json })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value: json }))
    .execute();
}

export async function deleteState(db: WriteDb<LocalDb>, ...keys: StateKey[]) {
  if (keys.length) await db.deleteFrom('local_state').where('key', 'in', keys).execute();
}
