import { sql } from 'kysely';
import type {
  Connection,
  ConnectionFields,
  ConnectionKind,
  SharedConnection,
} from '#shared/domain/connection';
import type { ConnectionsTable } from '../db/schema.ts';

/** The columns a Connection is read from, for select lists. */
export const CONNECTION_COLUMNS = [
  'person_id',
  'kinds',
  'strength',
  'how_met',
  'since',
  'last_interaction_at',
  'visibility',
  'updated_at',
] as const satisfies readonly (keyof ConnectionsTable)[];

type ConnectionColumns = Pick<ConnectionsTable, (typeof CONNECTION_COLUMNS)[number]>;

export function toConnectionFieldColumns(fields: ConnectionFields) {
  return {
    kinds: JSON.stringify(fields.kinds),
    strength: fields.strength,
    how_met: fields.howMet,
    since: fields.since,
    last_interaction_at: fields.lastInteractionAt,
    visibility: fields.visibility,
  } satisfies Partial<ConnectionsTable>;
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
    updatedAt: row.updated_at,
  };
}

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

/** A connections row as Connection JSON, written by SQLite; keys match fromConnectionColumns. */
export const CONNECTION_JSON = sql<string>`json_object(
  'personId', person_id, 'kinds', json(kinds), 'strength', strength, 'howMet', how_met, 'since', since,
  'lastInteractionAt', last_interaction_at, 'visibility', visibility, 'updatedAt', updated_at)`;

/** A connections row as SharedConnection JSON: the four fields others may see, nothing else. */
export const SHARED_CONNECTION_JSON = sql<string>`json_object(
  'ownerId', owner_id, 'personId', person_id, 'kinds', json(kinds), 'strength', strength)`;
