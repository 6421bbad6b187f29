import { join } from 'node:path';
import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Community, Membership, Post } from '#shared/domain/community';
import { migrate } from '#shared/node/migrate';
import { openDatabase } from '#shared/node/open-database';
import { serverMigrations } from '#server/db/migrations/index';
import type { ServerDb } from '#server/db/schema';
import { generateCommunities } from '#server/demo/generate-communities';
import { generateOrg } from '#server/demo/generate-org';
import { seedDemoOrg } from '#server/demo/seed-demo-org';
import { findCurrentSeq } from '#server/repos/change-seq.repo';
import { findMeta } from '#server/repos/server-meta.repo';
import { COMMUNITY_JSON, MEMBERSHIP_JSON, POST_JSON } from '#server/repos/community-sql';
import { makeTempDir } from '../../support/temp-dir.ts';

const NOW = Date.UTC(2025, 5, 16, 12);
const SEQ_TABLES = [
  'people',
  'communities',
  'memberships',
  'posts',
  'community_prefs',
  'connections',
] as const;

describe('seedDemoOrg with communities', () => {
  let dir: Awaited<ReturnType<typeof makeTempDir>>;
  let db: Kysely<ServerDb>;
  const org = generateOrg({ size: 'S', seed: 2 });
  const expected = generateCommunities(org, { seed: 2, now: NOW });

  beforeAll(async () => {
    dir = await makeTempDir('kith-demo-communities-');
    const file = join(dir.path, 'server.db');
    db = await openDatabase<ServerDb>({ file });
    await migrate(db as Kysely<unknown>, serverMigrations, { file });
    expect(await seedDemoOrg(db, { size: 'S', seed: 2, now: NOW })).toBe(true);
  });
  afterAll(async () => {
    await db.destroy();
    await dir.remove();
  });

  const count = async (table: (typeof SEQ_TABLES)[number], where?: { status: string }) => {
    let query = db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n'));
    if (where) query = query.where(sql.ref('status'), '=', where.status);
    return (await query.executeTakeFirstOrThrow()).n;
  };

  it('stores every generated row', async () => {
    expect(await count('people')).toBe(200);
    expect(await count('communities')).toBe(expected.communities.length);
    expect(await count('memberships')).toBe(expected.memberships.length);
    expect(await count('memberships', { status: 'requested' })).toBeGreaterThan(0);
    expect(await count('posts')).toBe(expected.posts.length);
    expect(await count('community_prefs')).toBe(expected.prefs.length);
    expect(await findMeta(db, 'demo_user_id')).toBe(org.demoUserId);
  });

  it('numbers every row from the change sequence: unique, gapless, up to the current seq', async () => {
    const seqs: number[] = [];
    for (const table of SEQ_TABLES) {
      const rows = await db.selectFrom(table).select('seq').execute();
      seqs.push(...rows.map((r) => r.seq));
    }
    seqs.sort((a, b) => a - b);
    expect(seqs).toEqual(Array.from({ length: seqs.length }, (_, i) => i + 1));
    expect(await findCurrentSeq(db)).toBe(seqs.length);
  });

  it('gives parents lower seqs than children and posts seqs in time order', async () => {
    const maxPeople = await db
      .selectFrom('people')
      .select((eb) => eb.fn.max('seq').as('s'))
      .executeTakeFirstOrThrow();
    const minCommunity = await db
      .selectFrom('communities')
      .select((eb) => eb.fn.min('seq').as('s'))
      .executeTakeFirstOrThrow();
    expect(minCommunity.s).toBeGreaterThan(maxPeople.s);
    const posts = await db
      .selectFrom('posts')
      .select(['id', 'parent_id', 'created_at', 'seq'])
      .orderBy('seq')
      .execute();
    for (let i = 1; i < posts.length; i++)
      expect(posts[i]!.created_at).toBeGreaterThanOrEqual(posts[i - 1]!.created_at);
    const seqOf = new Map(posts.map((p) => [p.id, p.seq]));
    for (const p of posts) if (p.parent_id) expect(p.seq).toBeGreaterThan(seqOf.get(p.parent_id)!);
  });

  it('reads back as the wire shapes the sync sends', async () => {
    const communities = await db.selectFrom('communities').select(COMMUNITY_JSON.as('json')).execute();
    for (const { json } of communities) Community.parse(JSON.parse(json));
    const memberships = await db.selectFrom('memberships').select(MEMBERSHIP_JSON.as('json')).execute();
    for (const { json } of memberships) Membership.parse(JSON.parse(json));
    const posts = await db.selectFrom('posts').select(POST_JSON.as('json')).execute();
    for (const { json } of posts) Post.parse(JSON.parse(json));
  });

  it('leaves a database that already has people as it is', async () => {
    const before = await findCurrentSeq(db);
    expect(await seedDemoOrg(db, { size: 'S', seed: 9, now: NOW })).toBe(false);
    expect(await findCurrentSeq(db)).toBe(before);
  });
});

describe('seedDemoOrg without communities', () => {
  it('seeds people only, one seq each', async () => {
    const db = await openDatabase<ServerDb>({ file: ':memory:' });
    try {
      await migrate(db as Kysely<unknown>, serverMigrations);
      expect(await seedDemoOrg(db, { size: 'S', seed: 2, communities: false })).toBe(true);
      expect(await findCurrentSeq(db)).toBe(200);
      expect(await db.selectFrom('communities').select('id').executeTakeFirst()).toBeUndefined();
    } finally {
      await db.destroy();
    }
  });
});
