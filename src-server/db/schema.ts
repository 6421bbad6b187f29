import type {
  CommunityColumns,
  CommunityPrefColumns,
  MembershipColumns,
  PostColumns,
} from '#shared/node/community-columns';
import type { ConnectionColumns } from '#shared/node/connection-columns';
import type { PersonColumns } from '#shared/node/person-columns';

/** The server database as Kysely sees it; the migrations in ./migrations create exactly these tables. */
export interface ServerDb {
  change_seq: ChangeSeqTable;
  people: PeopleTable;
  session_tokens: SessionTokensTable;
  used_id_tokens: UsedIdTokensTable;
  server_meta: ServerMetaTable;
  connections: ConnectionsTable;
  client_mutations: ClientMutationsTable;
  unapplied_mutations: UnappliedMutationsTable;
  notes: NotesTable;
  notes_keys: NotesKeysTable;
  communities: CommunitiesTable;
  memberships: MembershipsTable;
  posts: PostsTable;
  community_prefs: CommunityPrefsTable;
  provisioning_tokens: ProvisioningTokensTable;
  scim_groups: ScimGroupsTable;
}

/** A person's row as the change feed and sync read it: their Person columns and bookkeeping. */
export interface PersonRow extends PersonColumns {
  /** 0 | 1: a tombstone keeps its row so pull can report the delete. */
  deleted: number;
  seq: number;
}

/** One row (id = 1): the last value handed out by the change sequence shared by every synced table. */
export interface ChangeSeqTable {
  id: number;
  value: number;
}

export interface PeopleTable extends PersonRow {
  /** The IdP's id (SCIM externalId; matched to an OIDC `oid`/`sub` claim). Unique among live people. */
  external_id: string | null;
  /** SCIM userName. Unique among live people. */
  user_name: string | null;
  /** The HR employee id. Unique among live people. */
  employee_number: string | null;
  /** The last SCIM User the directory sent (JSON); null for a person SCIM never wrote. */
  scim_resource: string | null;
  /** A SCIM manager reference (id or externalId) waiting for that person to be provisioned. */
  scim_manager_ref: string | null;
}

/** One token of a session family (migration 0110): an access token or a refresh token. */
export interface SessionTokensTable {
  /** sha256 hex of the token; the token itself is never stored. */
  token_hash: string;
  kind: 'access' | 'refresh';
  /** Every token of one sign-in, across refreshes; revoked together. */
  family_id: string;
  person_id: string;
  created_at: string;
  /** When the family's sign-in happened: caps every refresh token's expiry (a session does not slide forever). */
  family_started_at: string;
  expires_at: string;
  /** A refresh token's: when it was exchanged (a second exchange is a reuse); null otherwise. */
  used_at: string | null;
  /** A refresh token's: why it was revoked while kept (its person deactivated); null while it is good. */
  revoked_because: 'person_deactivated' | null;
}

/** An ID token already exchanged for a session (migration 0110): a second exchange is refused. */
export interface UsedIdTokensTable {
  /** sha256 hex of the ID token. */
  token_hash: string;
  /** The ID token's own expiry: the row is swept after it. */
  expires_at: string;
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

/**
 * A pushed mutation the server did not apply, with the result it was given: a retry of it (its answer was
 * lost) gets that result again. Rows of a client go once it pushes past them (it has settled them).
 */
export interface UnappliedMutationsTable {
  client_id: string;
  mutation_id: number;
  status: 'conflict' | 'rejected';
  reason: string | null;
}

/** Personal data: one owner's end-to-end encrypted note. The server holds its ciphertext, never its text. */
export interface NotesTable {
  owner_id: string;
  /** Chosen by the client (a uuid): unique per owner only. */
  id: string;
  /** 1 on the first write, one more with every applied write (a delete included). */
  rev: number;
  /** A NoteCiphertext; null in a tombstone. */
  ciphertext: string | null;
  /** The client whose write made the current revision: its own queued edits never conflict with it. */
  writer_client_id: string;
  /** 0 | 1: a tombstone keeps its row so pull can report the delete. */
  deleted: number;
  seq: number;
  updated_at: number;
}

/** An owner's notes key, wrapped by their passphrase, so a new device can unlock their notes. */
export interface NotesKeysTable {
  owner_id: string;
  /** Names the notes key itself; a passphrase change re-wraps the same key under the same id. */
  key_id: string;
  /** The WrappedNotesKey, as JSON. */
  wrapped: string;
  updated_at: number;
}

/** A token the directory provisions with (/scim/v2 only); created on the command line, stored hashed. */
export interface ProvisioningTokensTable {
  id: string;
  /** What the admin called it, e.g. "Entra ID". */
  name: string;
  /** sha256 hex; the token itself is shown once and never stored. */
  token_hash: string;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
}

/** What SCIM keeps of a Group beside its team (a community managed by the directory). */
export interface ScimGroupsTable {
  community_id: string;
  /** The directory's own id for the group; unique among live groups. */
  external_id: string | null;
  /** ISO times for the Group's meta. */
  created_at: string;
  updated_at: string;
}

/** Org data: a community. Never deleted (archived instead). */
export interface CommunitiesTable extends CommunityColumns {
  seq: number;
  /**
   * The seq at which it last turned private (from open or request); null when it never did. Non-members are
   * told to drop it only when that happened after their cursor, so a community that was always private
   * leaves no trace in their pulls.
   */
  unshared_seq: number | null;
}

/** One person in one community; a tombstone (deleted = 1) once they leave, are removed or declined. */
export interface MembershipsTable extends MembershipColumns {
  /** 0 | 1 */
  deleted: number;
  seq: number;
}

export interface PostsTable extends PostColumns {
  /** 0 | 1: a tombstone keeps its row (body emptied) so pull can report the delete. */
  deleted: number;
  seq: number;
}

/** Personal data: how one person follows one community (follow, mute, read marker). */
export interface CommunityPrefsTable extends CommunityPrefColumns {
  owner_id: string;
  seq: number;
}
