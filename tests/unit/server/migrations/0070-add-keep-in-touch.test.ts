import { describe, expect } from 'vitest';
import { serverMigrations } from '#server/db/migrations/index';
import { findConnection, patchConnection } from '#server/repos/connections.repo';
import { upsertPeople } from '#server/repos/people.repo';
import { serverMigrationTest, versionBefore } from '../../../support/migration-step.ts';
import { makePerson } from '../../../support/people.ts';

const VERSION = '0070-add-keep-in-touch';
const PREVIOUS = versionBefore(serverMigrations, VERSION);

const it = serverMigrationTest({
  from: PREVIOUS,
  seed: async (db) => {
    await upsertPeople(db, [
      makePerson({ id: 'p1', name: 'Ada Lovelace' }),
      makePerson({ id: 'p2', name: 'Alan Turing' }),
    ]);
    // A connection written by the previous schema, which has no cadence column.
    await db
      .insertInto('connections')
      .values({
        owner_id: 'p1',
        person_id: 'p2',
        kinds: '["mentor"]',
        strength: 4,
        how_met: 'Onboarding',
        since: '2020-01-01',
        last_interaction_at: '2026-10-01',
        visibility: 'shared',
        updated_at: 1000,
        deleted: 0,
        seq: 3,
        unshared_seq: null,
      })
      .execute();
  },
});

describe(`migration ${VERSION}`, () => {
  it(`keeps ${PREVIOUS} connections, with no cadence, and takes one afterwards`, async ({
    db,
    migrateTo,
  }) => {
    expect((await migrateTo(VERSION)).applied).toEqual([VERSION]);
    const key = { ownerId: 'p1', personId: 'p2' };
    expect(await findConnection(db, key)).toEqual({
      personId: 'p2',
      kinds: ['mentor'],
      strength: 4,
      howMet: 'Onboarding',
      since: '2020-01-01',
      lastInteractionAt: '2026-10-01',
      visibility: 'shared',
      keepInTouchDays: null,
      updatedAt: 1000,
    });
    expect(await patchConnection(db, key, { keepInTouchDays: 90 }, 2000)).toMatchObject({
      keepInTouchDays: 90,
      howMet: 'Onboarding',
    });
  });

  it(`rolls back to ${PREVIOUS} by dropping the column, keeping the rows`, async ({ db, migrateTo }) => {
    await migrateTo(VERSION);
    await patchConnection(db, { ownerId: 'p1', personId: 'p2' }, { keepInTouchDays: 7 }, 2000);
    await migrateTo(PREVIOUS);
    const columns = (await db.introspection.getTables()).find((t) => t.name === 'connections')?.columns;
    expect(columns?.map((c) => c.name)).not.toContain('keep_in_touch_days');
    expect(await db.selectFrom('connections').select(['person_id', 'strength']).execute()).toEqual([
      { person_id: 'p2', strength: 4 },
    ]);
  });
});
