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

export interface PeopleTable {
  id: string;
  email: string;
  name: string;
  title: string;
  department: string;
  location: string;
  manager_id: string | null;
  /** JSON array of strings. */
  skills: string;
  bio: string;
  timezone: string;
  /** 0 | 1 */
  active: number;
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
