import type { ConnectionColumns } from '#shared/node/connection-columns';
import type { PersonColumns } from '#shared/node/person-columns';

/** The server database as Kysely sees it; the migrations in ./migrations create exactly these tables. */
export interface ServerDb {
  change_seq: ChangeSeqTable;
  people: PeopleTable;
  tokens: TokensTable;
  server_meta: ServerMetaTable;
  connections: ConnectionsTable;
  client_mutations: ClientMutationsTable;
}

/** One row (id = 1): the last value handed out by the change sequence shared by every synced table. */
export interface ChangeSeqTable {
  id: number;
  value: number;
}

export interface PeopleTable extends PersonColumns {
  /** 0 | 1: a tombstone keeps its row so pull can report the delete. */
  deleted: number;
  seq: number;
}

export interface TokensTable {
  /** sha256 hex of the bearer token; the token itself is never stored. */
  token_hash: string;
  person_id: string;
  created_at: string;
}

export interface ServerMetaTable {
  key: string;
  value: string;
}

/** Personal data: one owner's connection to a colleague. Its seq comes from the same sequence as people's. */
export interface ConnectionsTable extends ConnectionColumns {
  owner_id: string;
  /** 0 | 1: a tombstone keeps its row so pull can report the delete. */
  deleted: number;
  seq: number;
  /**
   * The seq at which the row last stopped being visible to others (turned private or deleted); null when it
   * never was. Others are told to drop it only when that happened after their cursor, so a connection that
   * was always private leaves no trace in anyone else's pull.
   */
  unshared_seq: number | null;
}

/** Which owner a client id belongs to and the last mutation of it the server processed. */
export interface ClientMutationsTable {
  client_id: string;
  owner_id: string;
  last_mutation_id: number;
}
