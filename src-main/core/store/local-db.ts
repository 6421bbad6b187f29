import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Generated, Kysely } from 'kysely';
import { migrate } from '#shared/node/migrate';
import { openDatabase } from '#shared/node/open-database';
import type {
  CommunityColumns,
  CommunityPrefColumns,
  MembershipColumns,
  PostColumns,
} from '#shared/node/community-columns';
import type { ConnectionColumns } from '#shared/node/connection-columns';
import type { PersonColumns } from '#shared/node/person-columns';
import { localMigrations } from './migrations/index.ts';

export interface PeopleTable extends PersonColumns {
  pk: number | null;
  /** The server's change sequence number of this version. */
  seq: number;
}

export interface PersonSkillsTable {
  skill: string;
  person_id: string;
}

export interface LocalStateTable {
  key: string;
  value: string;
}

/** The server's version of a connection, from the snapshot and pulls. */
export interface ConnectionsSyncedTable extends ConnectionColumns {
  seq: number;
}

export interface SharedConnectionsTable {
  owner_id: string;
  person_id: string;
  kinds: string;
  strength: number;
  seq: number;
}

/** A local write not yet acknowledged by the server, in mutation-id order. */
export interface OutboxTable {
  mutation_id: number;
  type: string;
  /** A connection's person; for a note mutation, the person the note is about. */
  person_id: string;
  /** Set for a note mutation: the note it writes. */
  note_id: string | null;
  /**
   * Set for a community mutation: the key of the row it changes ('community:<id>', 'membership:<communityId>/
   * <personId>', 'post:<id>', 'community_pref:<communityId>'). A row with a queued write shows as pending.
   */
  entity_key: string | null;
  /** JSON of the mutation's other fields (a put's patch; a note's baseRev and ciphertext). */
  payload: string;
  created_at: number;
}

export interface RejectedWritesTable {
  mutation_id: number;
  description: string;
  reason: string;
  at: number;
}

/**
 * A private note as the UI reads it: the server's version decrypted, or a pending local edit (notes_fts is
 * reached through raw SQL). Local only until end-to-end encryption is set up.
 */
export interface NotesTable {
  pk: Generated<number>;
  id: string;
  person_id: string;
  body: string;
  /** JSON array of tags, as written. */
  tags: string;
  /** JSON array of the same tags lower-cased: what the tag filter compares. */
  tag_keys: string;
  pinned: 0 | 1;
  follow_up_at: string | null;
  created_at: number;
  updated_at: number;
  /** The server revision this text descends from; 0: never synced. */
  rev: Generated<number>;
  /** Set on a conflict copy: the note it is a copy of. */
  conflict_of: string | null;
  interaction_type: string | null;
  /** YYYY-MM-DD */
  interaction_on: string | null;
}

/** The server's latest version of each note, as ciphertext (from the snapshot and pulls). */
export interface NotesSyncedTable {
  id: string;
  rev: number;
  ciphertext: string;
  seq: number;
  /** 1: the ciphertext failed authentication under the notes key. */
  unreadable: Generated<0 | 1>;
}

/** A community the user may see (from the snapshot and pulls, with the user's pending writes applied). */
export interface CommunitiesTable extends CommunityColumns {
  seq: number;
}

export interface MembershipsTable extends MembershipColumns {
  seq: number;
}

/** A live post (a deleted one is removed). */
export interface PostsTable extends PostColumns {
  seq: number;
}

/** The signed-in user's own follow / mute / read marker per community. */
export interface CommunityPrefsTable extends CommunityPrefColumns {
  seq: number;
}

/**
 * The server's version of a community row that a pending write touches (keyed like outbox.entity_key):
 * kept from before the first pending write, moved on by pulls, used to undo a write the server refuses.
 */
export interface CommunityShadowsTable {
  entity_key: string;
  /** JSON of the server's row; null: the server has none. */
  value: string | null;
  seq: number;
}

/** A node's position from the network graph's last layout (a person's id, or `community:<id>`). */
export interface GraphLayoutTable {
  node_id: string;
  x: number;
  y: number;
}

/** An item a desktop notification was decided for (shown, summarised or silenced). */
export interface NotifiedItemsTable {
  item_id: string;
  notified_at: number;
}

/** The local cache's schema, as Kysely sees it (people_fts is reached through raw SQL only). */
export interface LocalDb {
  people: PeopleTable;
  person_skills: PersonSkillsTable;
  local_state: LocalStateTable;
  connections_synced: ConnectionsSyncedTable;
  /** connections_synced with the pending outbox folded on top: what the UI reads. */
  connections: ConnectionColumns;
  shared_connections: SharedConnectionsTable;
  outbox: OutboxTable;
  rejected_writes: RejectedWritesTable;
  notes: NotesTable;
  notes_synced: NotesSyncedTable;
  communities: CommunitiesTable;
  memberships: MembershipsTable;
  posts: PostsTable;
  community_prefs: CommunityPrefsTable;
  community_shadows: CommunityShadowsTable;
  graph_layout: GraphLayoutTable;
  notified_items: NotifiedItemsTable;
}

export const LOCAL_DB_FILE = 'kith.db';

/** Opens the local cache in dataDir and migrates it (backing up a non-empty file first). */
export async function openLocalDb(dataDir: string): Promise<Kysely<LocalDb>> {
  await mkdir(dataDir, { recursive: true });
  const file = join(dataDir, LOCAL_DB_FILE);
  const db = await openDatabase<LocalDb>({ file });
  try {
    await migrate(db as Kysely<unknown>, localMigrations, { file });
  } catch (err) {
    await db.destroy();
    throw err;
  }
  return db;
}
