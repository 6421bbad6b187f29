import type { PersonColumns } from '#shared/node/person-columns';

/** The server database as Kysely sees it; the migrations in ./migrations create exactly these tables. */
export interface ServerDb {
  change_seq: ChangeSeqTable;
  people: PeopleTable;
  tokens: TokensTable;
  server_meta: ServerMetaTable;
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
