import { join } from 'node:path';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Connection, SharedConnection } from '#shared/domain/connection';
import { migrate } from '#shared/node/migrate';
import { openDatabase } from '#shared/node/open-database';
import { serverMigrations } from '#server/db/migrations/index';
import type { ServerDb } from '#server/db/schema';
import { generateCommunities } from '#server/demo/generate-communities';
import { generateConnections } from '#server/demo/generate-connections';
import { generateOrg } from '#server/demo/generate-org';
import { seedDemoOrg } from '#server/demo/seed-demo-org';
import { findCurrentSeq } from '#server/repos/change-seq.repo';
import { CONNECTION_JSON } from '#server/repos/connection-row';
import {
  countOwnSnapshot,
  countSharedSnapshot,
  listSharedSnapshotPage,
} from '#server/repos/connections.repo';
import { makeTempDir } from '../../support/temp-dir.ts';

const NOW = Date.UTC(2025, 5, 16, 12);

describe('seedDemoOrg with connections', () => {
  let dir: Awaited<ReturnType<typeof makeTempDir>>;
  let db: Kysely<ServerDb>;
  const org = generateOrg({ size: 'S', seed: 2 });
  const expected = generateConnections(org, {
    seed: 2,
    now: NOW,
    communities: generateCommunities(org, { seed: 2, now: NOW }),
  });

  beforeAll(async () => {
    dir = await makeTempDir('kith-demo-connections-');
    const file = join(dir.path, 'server.db');
    db = await openDatabase<ServerDb>({ file });
    await migrate(db as Kysely<unknown>, serverMigrations, { file });
    expect(await seedDemoOrg(db, { size: 'S', seed: 2, now: NOW })).toBe(true);
  });
  afterAll(async () => {
    await db.destroy();
    await dir.remove();
  });

  it('stores exactly the generated connections', async () => {
    const rows = await db
      .selectFrom('connections')
      .selectAll()
      .orderBy('owner_id')
      .orderBy('person_id')
      .execute();
    expect(rows.map(({ seq: _seq, ...row }) => row)).toEqual(expected);
  });

  it('numbers them last, in key order, up to the current seq', async () => {
    const rows = await db
      .selectFrom('connections')
      .select('seq')
      .orderBy('owner_id')
      .orderBy('person_id')
      .execute();
    const current = await findCurrentSeq(db);
    expect(rows.map((r) => r.seq)).toEqual(
      Array.from({ length: rows.length }, (_, i) => current - rows.length + 1 + i),
    );
    for (const table of ['people', 'communities', 'memberships', 'posts', 'community_prefs'] as const) {
      const max = await db
        .selectFrom(table)
        .select((eb) => eb.fn.max('seq').as('s'))
        .executeTakeFirstOrThrow();
      expect(max.s).toBeLessThan(rows[0]!.seq);
    }
  });

  it('reads back as the wire shapes the sync sends', async () => {
    const own = await db.selectFrom('connections').select(CONNECTION_JSON.as('json')).execute();
    for (const { json } of own) Connection.parse(JSON.parse(json));
    const cursor = await findCurrentSeq(db);
    const shared = await listSharedSnapshotPage(db, { viewerId: org.demoUserId, cursor, limit: 100_000 });
    for (const connection of shared) expect(SharedConnection.strict().parse(connection)).toEqual(connection);
  });

  it("gives the demo user their own connections and only others' shared ones", async () => {
    const cursor = await findCurrentSeq(db);
    const viewerId = org.demoUserId;
    const own = expected.filter((r) => r.owner_id === viewerId);
    const othersShared = expected.filter((r) => r.owner_id !== viewerId && r.visibility === 'shared');
    expect(await countOwnSnapshot(db, { viewerId, cursor })).toBe(own.length);
    expect(await countSharedSnapshot(db, { viewerId, cursor })).toBe(othersShared.length);
    expect(othersShared.length).toBeLessThan(expected.length - own.length);
  });
});

describe('seedDemoOrg with people only', () => {
  it('seeds no connections', async () => {
    const db = await openDatabase<ServerDb>({ file: ':memory:' });
    try {
      await migrate(db as Kysely<unknown>, serverMigrations);
      expect(await seedDemoOrg(db, { size: 'S', seed: 2, communities: false })).toBe(true);
      expect(await db.selectFrom('connections').select('seq').executeTakeFirst()).toBeUndefined();
    } finally {
      await db.destroy();
    }
  });
});
