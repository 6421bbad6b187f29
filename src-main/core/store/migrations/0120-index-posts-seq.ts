import type { Kysely } from 'kysely';

/** After each sync the notifier reads the posts past its watermark and the newest seq: an index, not a scan. */
export async function up(db: Kysely<unknown>) {
  await db.schema.createIndex('posts_seq').on('posts').column('seq').execute();
}

export async function down(db: Kysely<unknown>) {
  await db.schema.dropIndex('posts_seq').execute();
}
