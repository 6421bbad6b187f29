import { join } from 'node:path';
import type { Kysely } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ServerDb } from '#server/db/schema';
import { serverMigrations } from '#server/db/migrations/index';
import { findConnection, patchConnection } from '#server/repos/connections.repo';
import { upsertPeople } from '#server/repos/people.repo';
import { migrate } from '#shared/node/migrate';
import { openDatabase } from '#shared/node/open-database';
import { makePerson } from '../../../support/people.ts';
import { makeTempDir } from '../../../support/temp-dir.ts';

const VERSION = '0070-add-keep-in-touch';
const versions = Object.keys(serverMigrations);
const PREVIOUS = versions[versions.indexOf(VERSION) - 1]!;

describe(`migration ${VERSION}`, () => {
  let dir: Awaited<ReturnType<typeof makeTempDir>>;
  let db: Kysely<ServerDb>;
  let file: string;
  beforeEach(async () => {
    dir = await makeTempDir();
    file = join(dir.path, 'kith-server.db');
    db = await openDatabase<ServerDb>({ file });
    await migrate(db as Kysely<unknown>, serverMigrations, { file, target: PREVIOUS });
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
  });
  afterEach(async () => {
    await db.destroy();
    await dir.remove();
  });

  it(`keeps ${PREVIOUS} connections, with no cadence, and takes one afterwards`, async () => {
    expect(
      (await migrate(db as Kysely<unknown>, serverMigrations, { file, target: VERSION })).applied,
    ).toEqual([VERSION]);
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

  it(`rolls back to ${PREVIOUS} by dropping the column, keeping the rows`, async () => {
    await migrate(db as Kysely<unknown>, serverMigrations, { file, target: VERSION });
    await patchConnection(db, { ownerId: 'p1', personId: 'p2' }, { keepInTouchDays: 7 }, 2000);
    await migrate(db as Kysely<unknown>, serverMigrations, { file, target: PREVIOUS });
    const columns = (await db.introspection.getTables()).find((t) => t.name === 'connections')?.columns;
    expect(columns?.map((c) => c.name)).not.toContain('keep_in_touch_days');
    expect(await db.selectFrom('connections').select(['person_id', 'strength']).execute()).toEqual([
      { person_id: 'p2', strength: 4 },
    ]);
  });
});
