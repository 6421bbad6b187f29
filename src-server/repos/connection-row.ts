import type { ConnectionKind, SharedConnection } from '#shared/domain/connection';
import type { ConnectionsTable } from '../db/schema.ts';
import { jsonObject, jsonText } from './sql-json.ts';

/** What everyone else may see of a shared connection: never how they met, never dates. */
export function toSharedConnection(
  row: Pick<ConnectionsTable, 'owner_id' | 'person_id' | 'kinds' | 'strength'>,
): SharedConnection {
  return {
    ownerId: row.owner_id,
    personId: row.person_id,
    kinds: JSON.parse(row.kinds) as ConnectionKind[],
    strength: row.strength,
  };
}

/** A connections row as Connection JSON; keys match fromConnectionColumns. */
export const CONNECTION_JSON = jsonObject({
  personId: 'person_id',
  kinds: jsonText('kinds'),
  strength: 'strength',
  howMet: 'how_met',
  since: 'since',
  lastInteractionAt: 'last_interaction_at',
  visibility: 'visibility',
  keepInTouchDays: 'keep_in_touch_days',
  updatedAt: 'updated_at',
});

/** A connections row as SharedConnection JSON: the four fields others may see, nothing else. */
export const SHARED_CONNECTION_JSON = jsonObject({
  ownerId: 'owner_id',
  personId: 'person_id',
  kinds: jsonText('kinds'),
  strength: 'strength',
});
