import { sql } from 'kysely';
import { describe, expect } from 'vitest';
import { applyServerRows, rowChange } from '#core/communities/apply-community-changes';
import { findCommunity } from '#core/communities/communities.repo';
import { listOutbox, toMutation } from '#core/sync/outbox.repo';
import { readState } from '#core/store/local-state.repo';
import { localMigrations } from '#core/store/migrations/index';
import type { Community } from '#shared/domain/community';
import { localMigrationTest, versionBefore } from '../../../../support/migration-step.ts';

const VERSION = '0090-create-communities';
const PREVIOUS = versionBefore(localMigrations, VERSION);
/** Today's repos write today's columns: rows are written once the later migrations ran too. */
const LATEST = Object.keys(localMigrations).at(-1)!;
const C = '00000000-0000-4000-8000-000000000001';

const it = localMigrationTest({
  from: PREVIOUS,
  // Rows as the schema before this version stored them.
  seed: async (db) => {
    await sql`insert into outbox (mutation_id, type, person_id, payload, created_at)
      values (1, 'connection.put', 'ada', '{"patch":{"strength":5}}', 30)`.execute(db);
    await sql`insert into local_state (key, value) values ('cursor', '5'), ('dataset', '"d1"'), ('clientId', '"c1abcdefgh"')`.execute(
      db,
    );
  },
});

describe(`local migration ${VERSION}`, () => {
  it('keeps queued connection writes, creates the community cache and asks for a new snapshot', async ({
    db,
    migrateTo,
  }) => {
    const result = await migrateTo(VERSION);
    expect(result.applied).toEqual([VERSION]);
    const outbox = await listOutbox(db, 10);
    expect(outbox).toEqual([expect.objectContaining({ mutation_id: 1, entity_key: null })]);
    expect(toMutation(outbox[0]!)).toEqual({
      type: 'connection.put',
      mutationId: 1,
      personId: 'ada',
      patch: { strength: 5 },
    });
    // Caches synced before had no communities: the next sync bootstraps again.
    expect(await readState(db, 'cursor')).toBeNull();
    expect(await readState(db, 'dataset')).toBeNull();
    expect(await readState(db, 'clientId')).toBe('c1abcdefgh');

    const community: Community = {
      id: C,
      name: 'Guild',
      kind: 'team',
      purpose: 'p',
      objectives: ['o'],
      visibility: 'open',
      createdBy: 'ada',
      createdAt: 1,
      archived: false,
      managedByDirectory: false,
      updatedAt: 2,
    };
    await migrateTo(LATEST);
    await db
      .transaction()
      .execute((trx) => applyServerRows(trx, [rowChange({ entity: 'community', value: community }, 7)]));
    expect(await findCommunity(db, C)).toEqual(community);
    const indexes = await sql<{ name: string }>`select name from sqlite_master where type = 'index'
      and name in ('posts_community_created', 'posts_parent', 'posts_author', 'memberships_person',
        'memberships_community_status', 'outbox_entity') order by name`.execute(db);
    expect(indexes.rows.map((r) => r.name)).toEqual([
      'memberships_community_status',
      'memberships_person',
      'outbox_entity',
      'posts_author',
      'posts_community_created',
      'posts_parent',
    ]);
  });

  it('rolls back to the previous version, dropping community writes and keeping the others', async ({
    db,
    migrateTo,
  }) => {
    await migrateTo(VERSION);
    await db
      .insertInto('outbox')
      .values({
        mutation_id: 2,
        type: 'membership.join',
        person_id: 'ada',
        entity_key: `membership:${C}/ada`,
        payload: JSON.stringify({ communityId: C }),
        created_at: 40,
      })
      .execute();
    await migrateTo(PREVIOUS);
    const queued = await sql<{ mutation_id: number }>`select mutation_id from outbox`.execute(db);
    expect(queued.rows).toEqual([{ mutation_id: 1 }]);
    const tables = await sql<{ name: string }>`select name from sqlite_master where type = 'table'
      and name in ('communities', 'memberships', 'posts', 'community_prefs', 'community_shadows')`.execute(
      db,
    );
    expect(tables.rows).toEqual([]);
  });
});
