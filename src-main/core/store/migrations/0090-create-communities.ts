import { sql, type Kysely } from 'kysely';

/**
 * Communities, memberships, posts and the user's own community preferences, as the server last sent them
 * with the user's pending writes applied on top (what the UI reads). community_shadows keeps the server's
 * version of each row a pending write touches, so a write the server refuses can be undone and a pull
 * lands under the pending ones. Community writes queue in the outbox under the key of the row they change.
 * Caches synced before this version hold no communities: the next sync takes a new snapshot, as 0070 did.
 */
export async function up(db: Kysely<unknown>) {
  await db.schema
    .createTable('communities')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('purpose', 'text', (c) => c.notNull())
    .addColumn('objectives', 'text', (c) => c.notNull()) // JSON array
    .addColumn('visibility', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'integer', (c) => c.notNull())
    .addColumn('archived', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'integer', (c) => c.notNull())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .execute();

  await sql`create table memberships (
    community_id text not null,
    person_id text not null,
    role text not null,
    status text not null,
    since integer not null,
    joined_at integer,
    seq integer not null,
    primary key (community_id, person_id)
  ) without rowid`.execute(db);
  // A person's communities (mine, in common); a community's members by status (members, requests).
  await db.schema.createIndex('memberships_person').on('memberships').column('person_id').execute();
  await db.schema
    .createIndex('memberships_community_status')
    .on('memberships')
    .columns(['community_id', 'status'])
    .execute();

  await db.schema
    .createTable('posts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('community_id', 'text', (c) => c.notNull())
    .addColumn('author_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('parent_id', 'text')
    .addColumn('title', 'text')
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('event_starts_at', 'integer')
    .addColumn('event_place', 'text')
    .addColumn('accepted_answer_id', 'text')
    .addColumn('created_at', 'integer', (c) => c.notNull())
    .addColumn('edited_at', 'integer')
    .addColumn('seq', 'integer', (c) => c.notNull())
    .execute();
  // A community's feed, newest first, paged by (created_at, id); a question's answers; an author's posts.
  await sql`create index posts_community_created on posts (community_id, created_at desc, id)`.execute(db);
  await db.schema.createIndex('posts_parent').on('posts').column('parent_id').execute();
  await db.schema.createIndex('posts_author').on('posts').column('author_id').execute();

  await db.schema
    .createTable('community_prefs')
    .addColumn('community_id', 'text', (c) => c.primaryKey())
    .addColumn('followed', 'integer', (c) => c.notNull())
    .addColumn('muted', 'integer', (c) => c.notNull())
    .addColumn('last_read_at', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'integer', (c) => c.notNull())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('community_shadows')
    .addColumn('entity_key', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text') // JSON of the server's row; null: the server has none
    .addColumn('seq', 'integer', (c) => c.notNull())
    .execute();

  await db.schema.alterTable('outbox').addColumn('entity_key', 'text').execute();
  await sql`create index outbox_entity on outbox (entity_key, mutation_id) where entity_key is not null`.execute(
    db,
  );
  await sql`delete from local_state where key in ('cursor', 'dataset', 'bootstrap')`.execute(db);
}

export async function down(db: Kysely<unknown>) {
  await sql`drop index outbox_entity`.execute(db);
  await sql`delete from outbox where entity_key is not null`.execute(db);
  await db.schema.alterTable('outbox').dropColumn('entity_key').execute();
  for (const table of ['community_shadows', 'community_prefs', 'posts', 'memberships', 'communities']) {
    await db.schema.dropTable(table).execute();
  }
  await sql`delete from local_state where key = 'communitySnapshotsDue'`.execute(db);
}
