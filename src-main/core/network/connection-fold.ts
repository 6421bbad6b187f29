import { NEW_CONNECTION, type Connection, type ConnectionFields } from '#shared/domain/connection';

/** A local write still waiting in the outbox, as the fold needs it. */
export type PendingConnectionWrite =
  | { type: 'connection.put'; patch: Partial<ConnectionFields>; createdAt: number }
  | { type: 'connection.delete'; createdAt: number };

/**
 * What the user sees of one connection: the server's version with the pending local writes re-applied on
 * top, in mutation-id order. A put changes only the fields it names (the server does the same, so fields
 * other devices wrote survive); a put on no connection starts from the defaults.
 */
export function foldConnection(
  personId: string,
  synced: Connection | null,
  pending: readonly PendingConnectionWrite[],
): Connection | null {
  let current = synced;
  for (const write of pending) {
    if (write.type === 'connection.delete') {
      current = null;
      continue;
    }
    const base = current ?? { ...NEW_CONNECTION, personId, updatedAt: write.createdAt };
    current = { ...base, ...definedFields(write.patch), personId, updatedAt: write.createdAt };
  }
  return current;
}

/** A patch without keys set to undefined: an absent field must not erase one. */
function definedFields(patch: Partial<ConnectionFields>): Partial<ConnectionFields> {
  return Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined));
}
