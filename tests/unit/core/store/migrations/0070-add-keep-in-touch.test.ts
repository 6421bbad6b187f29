import { describe, expect } from 'vitest';
import { findConnection, recomputeConnections } from '#core/network/connections.repo';
import { readState } from '#core/store/local-state.repo';
import { localMigrations } from '#core/store/migrations/index';
import { localMigrationTest, versionBefore } from '../../../../support/migration-step.ts';

const VERSION = '0070-add-keep-in-touch';
const PREVIOUS = versionBefore(localMigrations, VERSION);

/** A connection as the schema before this version stored it. */
const OLD_ROW = {
  person_id: 'p2',
  kinds: '["mentor"]',
  strength: 4,
  how_met: 'Onboarding',
  since: '2020-01-01',
  last_interaction_at: '2026-10-01',
  visibility: 'private' as const,
  updated_at: 1000,
};

const it = localMigrationTest({
  from: PREVIOUS,
  seed: async (db) => {
    await db
      .insertInto('connections_synced')
      .values({ ...OLD_ROW, seq: 5 })
      .execute();
    await db.insertInto('connections').values(OLD_ROW).execute();
    await db
      .insertInto('outbox')
      .values({
        mutation_id: 1,
        type: 'connection.put',
        person_id: 'p2',
        payload: JSON.stringify({ patch: { strength: 5 } }),
        created_at: 2000,
      })
      .execute();
    await db
      .insertInto('local_state')
      .values([
        { key: 'cursor', value: '5' },
        { key: 'dataset', value: '"d1"' },
        { key: 'clientId', value: '"c1"' },
      ])
      .execute();
  },
});

describe(`local migration ${VERSION}`, () => {
  it('keeps connections and pending writes, with no cadence, and asks for a new snapshot', async ({
    db,
    file,
    migrateTo,
  }) => {
    const result = await migrateTo(VERSION);
    expect(result.applied).toEqual([VERSION]);
    expect(result.backup).toBe(`${file}.${PREVIOUS}.bak`);
    expect(await findConnection(db, 'p2')).toMatchObject({
      kinds: ['mentor'],
      strength: 4,
      lastInteractionAt: '2026-10-01',
      keepInTouchDays: null,
    });
    expect(await db.selectFrom('outbox').select('mutation_id').execute()).toEqual([{ mutation_id: 1 }]);
    // A cadence set on another device was dropped on arrival before this version: sync again from scratch.
    expect(await readState(db, 'cursor')).toBeNull();
    expect(await readState(db, 'dataset')).toBeNull();
    expect(await db.selectFrom('local_state').select('key').orderBy('key').execute()).toEqual([
      { key: 'clientId' },
    ]);

    await db.transaction().execute((trx) => recomputeConnections(trx, ['p2']));
    expect(await findConnection(db, 'p2')).toMatchObject({ strength: 5, keepInTouchDays: null });
  });

  it(`rolls back to ${PREVIOUS}, keeping the rows`, async ({ db, migrateTo }) => {
    await migrateTo(VERSION);
    await db.updateTable('connections').set({ keep_in_touch_days: 30 }).execute();
    await migrateTo(PREVIOUS);
    for (const table of ['connections', 'connections_synced']) {
      const columns = (await db.introspection.getTables()).find((t) => t.name === table)?.columns;
      expect(columns?.map((c) => c.name)).not.toContain('keep_in_touch_days');
    }
    expect(await db.selectFrom('connections').select(['person_id', 'strength']).execute()).toEqual([
      { person_id: 'p2', strength: 4 },
    ]);
  });
});
