import type { Connection, ConnectionFields, ConnectionKind } from '../domain/connection.ts';

/** How a Connection is stored in a SQLite row, on the server and in the local cache alike. */
export interface ConnectionColumns {
  person_id: string;
  /** JSON array of ConnectionKind. */
  kinds: string;
  strength: number;
  how_met: string;
  /** YYYY-MM-DD or null. */
  since: string | null;
  last_interaction_at: string | null;
  visibility: 'private' | 'shared';
  /** Days, or null: no keep-in-touch cadence. */
  keep_in_touch_days: number | null;
  /** ms since epoch, the server's clock. */
  updated_at: number;
}

/** The columns a Connection is read from, for select lists. */
export const CONNECTION_COLUMNS = [
  'person_id',
  'kinds',
  'strength',
  'how_met',
  'since',
  'last_interaction_at',
  'visibility',
  'keep_in_touch_days',
  'updated_at',
] as const satisfies readonly (keyof ConnectionColumns)[];

export function toConnectionFieldColumns(fields: ConnectionFields) {
  return {
    kinds: JSON.stringify(fields.kinds),
    strength: fields.strength,
    how_met: fields.howMet,
    since: fields.since,
    last_interaction_at: fields.lastInteractionAt,
    visibility: fields.visibility,
    keep_in_touch_days: fields.keepInTouchDays,
  } satisfies Partial<ConnectionColumns>;
}

export function toConnectionColumns(connection: Connection): ConnectionColumns {
  return {
    person_id: connection.personId,
    ...toConnectionFieldColumns(connection),
    updated_at: connection.updatedAt,
  };
}

export function fromConnectionColumns(row: ConnectionColumns): Connection {
  return {
    personId: row.person_id,
    kinds: JSON.parse(row.kinds) as ConnectionKind[],
    strength: row.strength,
    howMet: row.how_met,
    since: row.since,
    lastInteractionAt: row.last_interaction_at,
    visibility: row.visibility,
    keepInTouchDays: row.keep_in_touch_days,
    updatedAt: row.updated_at,
  };
}
