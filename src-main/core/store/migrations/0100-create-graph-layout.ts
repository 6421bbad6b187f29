import { sql, type Kysely } from 'kysely';

/** Where the graph's last layout put each node, so reopening the network graph is instant. */
export async function up(db: Kysely<unknown>) {
  await sql`create table graph_layout (
    node_id text primary key,
    x real not null,
    y real not null
  ) without rowid`.execute(db);
}

export async function down(db: Kysely<unknown>) {
  await db.schema.dropTable('graph_layout').execute();
}
