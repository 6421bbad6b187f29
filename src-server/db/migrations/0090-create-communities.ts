import { sql, type Kysely } from 'kysely';

/**
 * Communities (org data), memberships, posts (tombstones kept so pulls report deletes) and each person's
 * community preferences (personal data). Every row's seq comes from the shared change sequence.
 */
export async function up(db: Kysely<unknown>) {
  await db.schema
    .createTable('communities')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('purpose', 'text', (c) => c.notNull())
    .addColumn('objectives', 'text', (c) => c.notNull())
    .addColumn('visibility', 'text', (c) =>
      c.notNull().check(sql`visibility in ('open', 'request', 'private')`),
    )
    .addColumn('created_by', 'text', (c) => c.notNull().references('people.id'))
    .addColumn('created_at', 'integer', (c) => c.notNull())
    .addColumn('archived', 'integer', (c) =>
      c
        .notNull()
        .defaultTo(0)
        .check(sql`archived in (0, 1)`),
    )
    .addColumn('updated_at', 'integer', (c) => c.notNull())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('unshared_seq', 'integer')
    .execute();
  await db.schema.createIndex('communities_seq').unique().on('communities').column('seq').execute();

  await db.schema
    .createTable('memberships')
    .addColumn('community_id', 'text', (c) => c.notNull().references('communities.id'))
    .addColumn('person_id', 'text', (c) => c.notNull().references('people.id'))
    .addColumn('role', 'text', (c) => c.notNull().check(sql`role in ('leader', 'moderator', 'member')`))
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('active', 'requested')`))
    .addColumn('since', 'integer', (c) => c.notNull())
    .addColumn('joined_at', 'integer')
    .addColumn('deleted', 'integer', (c) =>
      c
        .notNull()
        .defaultTo(0)
        .check(sql`deleted in (0, 1)`),
    )
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('memberships_pk', ['community_id', 'person_id'])
    // Clustered by (community, person): permission checks and the bootstrap read it in key order.
    .modifyEnd(sql`without rowid`)
    .execute();
  await db.schema.createIndex('memberships_seq').unique().on('memberships').column('seq').execute();
  await db.schema.createIndex('memberships_person').on('memberships').column('person_id').execute();

  await db.schema
    .createTable('posts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('community_id', 'text', (c) => c.notNull().references('communities.id'))
    .addColumn('author_id', 'text', (c) => c.notNull().references('people.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('parent_id', 'text')
    .addColumn('title', 'text')
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('event_starts_at', 'integer')
    .addColumn('event_place', 'text')
    .addColumn('accepted_answer_id', 'text')
    .addColumn('created_at', 'integer', (c) => c.notNull())
    .addColumn('edited_at', 'integer')
    .addColumn('deleted', 'integer', (c) =>
      c
        .notNull()
        .defaultTo(0)
        .check(sql`deleted in (0, 1)`),
    )
    .addColumn('seq', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('posts_seq').unique().on('posts').column('seq').execute();
  // A community's feed, newest first; a question's answers.
  await db.schema
    .createIndex('posts_community_created')
    .on('posts')
    .columns(['community_id', 'created_at'])
    .execute();
  await db.schema.createIndex('posts_parent').on('posts').column('parent_id').execute();

  await db.schema
    .createTable('community_prefs')
    .addColumn('owner_id', 'text', (c) => c.notNull().references('people.id'))
    .addColumn('community_id', 'text', (c) => c.notNull().references('communities.id'))
    .addColumn('followed', 'integer', (c) => c.notNull().check(sql`followed in (0, 1)`))
    .addColumn('muted', 'integer', (c) => c.notNull().check(sql`muted in (0, 1)`))
    .addColumn('last_read_at', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'integer', (c) => c.notNull())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('community_prefs_pk', ['owner_id', 'community_id'])
    .modifyEnd(sql`without rowid`)
    .execute();
  await db.schema.createIndex('community_prefs_seq').unique().on('community_prefs').column('seq').execute();
}

export async function down(db: Kysely<unknown>) {
  await db.schema.dropTable('community_prefs').execute();
  await db.schema.dropTable('posts').execute();
  await db.schema.dropTable('memberships').execute();
  await db.schema.dropTable('communities').execute();
}
