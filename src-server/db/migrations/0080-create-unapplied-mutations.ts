import { sql, type Kysely } from 'kysely';

/**
 * The outcome of each pushed mutation the server did NOT apply (a conflict, a rejection), with its reason:
 * a retried push whose answer was lost gets that outcome again, not `duplicate`, so the client still makes
 * its conflict copy or shows the rejection. Applied mutations need no row: their retry is a duplicate.
 */
export async function up(db: Kysely<unknown>) {
  await db.schema
    .createTable('unapplied_mutations')
    .addColumn('client_id', 'text', (c) => c.notNull().references('client_mutations.client_id'))
    .addColumn('mutation_id', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('conflict', 'rejected')`))
    .addColumn('reason', 'text')
    .addPrimaryKeyConstraint('unapplied_mutations_pk', ['client_id', 'mutation_id'])
    // Clustered by (client, mutation): a retry reads one client's ids, pruning drops a range of them.
    .modifyEnd(sql`without rowid`)
    .execute();
}

export async function down(db: Kysely<unknown>) {
  await db.schema.dropTable('unapplied_mutations').execute();
}
