import { sql, type Kysely } from 'kysely';

/**
 * Connections (personal data, seq from the shared change sequence) and the last mutation processed per
 * client, which makes a retried push harmless.
 */
export async function up(db: Kysely<unknown>) {
  await db.schema
    .createTable('connections')
    .addColumn('owner_id', 'text', (c) => c.notNull().references('people.id'))
    .addColumn('person_id', 'text', (c) => c.notNull().references('people.id'))
    .addColumn('kinds', 'text', (c) => c.notNull())
    .addColumn('strength', 'integer', (c) => c.notNull())
    .addColumn('how_met', 'text', (c) => c.notNull())
    .addColumn('since', 'text')
    .addColumn('last_interaction_at', 'text')
    .addColumn('visibility', 'text', (c) => c.notNull().check(sql`visibility in ('private', 'shared')`))
    .addColumn('updated_at', 'integer', (c) => c.notNull())
    .addColumn('deleted', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('unshared_seq', 'integer')
    .addPrimaryKeyConstraint('connections_pk', ['owner_id', 'person_id'])
    // Clustered by (owner, person): bootstrap reads one owner's rows, and the shared ones, in key order.
    .modifyEnd(sql`without rowid`)
    .execute();
  await db.schema.createIndex('connections_seq').unique().on('connections').column('seq').execute();

  await db.schema
    .createTable('client_mutations')
    .addColumn('client_id', 'text', (c) => c.primaryKey())
    .addColumn('owner_id', 'text', (c) => c.notNull().references('people.id'))
    .addColumn('last_mutation_id', 'integer', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>) {
  await db.schema.dropTable('client_mutations').execute();
  await db.schema.dropTable('connections').execute();
}
