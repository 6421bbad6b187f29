import type { Kysely } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ServerDb } from '#server/db/schema';
import { listChangesFor } from '#server/repos/changes.repo';
import {
  findConnection,
  listOwnSnapshotPage,
  listSharedSnapshotPage,
  patchConnection,
} from '#server/repos/connections.repo';
import { upsertPeople } from '#server/repos/people.repo';
import { makePerson } from '../../../integration/server/server-fixture.ts';
import { openTestDb } from './repo-fixture.ts';

const OWNER = 'p000001';
const OTHER = 'p000002';
const COLLEAGUE = 'p000003';
const key = { ownerId: OWNER, personId: COLLEAGUE };

let db: Kysely<ServerDb>;
beforeEach(async () => {
  db = await openTestDb();
  await upsertPeople(db, [makePerson(1), makePerson(2), makePerson(3)]);
});
afterEach(() => db.destroy());

describe('patchConnection: keepInTouchDays', () => {
  it('starts without a cadence, sets one, and keeps it when another field is patched', async () => {
    expect(await patchConnection(db, key, { strength: 4 }, 1000)).toMatchObject({ keepInTouchDays: null });
    expect(await patchConnection(db, key, { keepInTouchDays: 30 }, 2000)).toMatchObject({
      strength: 4,
      keepInTouchDays: 30,
      updatedAt: 2000,
    });
    await patchConnection(db, key, { lastInteractionAt: '2026-11-20' }, 3000);
    expect(await findConnection(db, key)).toMatchObject({
      strength: 4,
      keepInTouchDays: 30,
      lastInteractionAt: '2026-11-20',
    });
    expect(await patchConnection(db, key, { keepInTouchDays: null }, 4000)).toMatchObject({
      keepInTouchDays: null,
      lastInteractionAt: '2026-11-20',
    });
  });

  it("sends the cadence to its owner's snapshot and pull, never to anyone else", async () => {
    await patchConnection(db, key, { keepInTouchDays: 14, visibility: 'shared' }, 1000);
    const range = { cursor: 1_000_000, limit: 10 };
    expect(await listOwnSnapshotPage(db, { ...range, viewerId: OWNER })).toEqual([
      expect.objectContaining({ personId: COLLEAGUE, keepInTouchDays: 14 }),
    ]);
    const own = await listChangesFor(db, OWNER, { since: 0, upTo: 1_000_000, limit: 100 });
    expect(own.find((c) => c.entity === 'connection')).toMatchObject({
      op: 'upsert',
      value: { personId: COLLEAGUE, keepInTouchDays: 14 },
    });

    const shared = await listSharedSnapshotPage(db, { ...range, viewerId: OTHER });
    expect(shared).toHaveLength(1);
    expect(shared[0]).not.toHaveProperty('keepInTouchDays');
    const theirs = await listChangesFor(db, OTHER, { since: 0, upTo: 1_000_000, limit: 100 });
    const seen = theirs.find((c) => c.entity === 'shared_connection');
    expect(seen).toBeDefined();
    expect(JSON.stringify(seen)).not.toContain('keepInTouch');
  });

  it('refuses a cadence outside 1–365 days at the database too', async () => {
    await patchConnection(db, key, { keepInTouchDays: 365 }, 1000);
    await expect(
      db.updateTable('connections').set({ keep_in_touch_days: 0 }).where('owner_id', '=', OWNER).execute(),
    ).rejects.toThrow(/CHECK/);
    await expect(
      db.updateTable('connections').set({ keep_in_touch_days: 366 }).where('owner_id', '=', OWNER).execute(),
    ).rejects.toThrow(/CHECK/);
  });
});
