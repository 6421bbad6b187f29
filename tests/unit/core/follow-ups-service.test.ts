import type { Kysely } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createFollowUpsService, type FollowUpsService } from '#core/follow-ups/follow-ups-service';
import { createNetworkService, type NetworkService } from '#core/network/network-service';
import { toLocalDay } from '#shared/local-day';
import { createNotesService, type NotesService } from '#core/notes/notes-service';
import { openLocalDb, type LocalDb } from '#core/store/local-db';
import { upsertPeople } from '#core/store/people.repo';
import type { ConnectionFields } from '#shared/domain/connection';
import { keepInTouchDueOn } from '#shared/domain/keep-in-touch';
import {
  FOLLOW_UPS_PER_BUCKET_MAX,
  FollowUps,
  NOTE_EXCERPT_MAX,
  type FollowUpItem,
} from '#shared/domain/note';
import { makePerson } from '../../support/people.ts';
import { makeTempDir } from '../../support/temp-dir.ts';

const ada = makePerson({ id: 'ada', name: 'Ada Lovelace' });
const bob = makePerson({ id: 'bob', name: 'Bob Martin' });
const cleo = makePerson({ id: 'cleo', name: 'Cleo Park' });
const dan = makePerson({ id: 'dan', name: 'Dan Okafor' });
const gone = makePerson({ id: 'gone', name: 'Gwen Left', active: false });
/** A fixed local noon, so "today" does not depend on when the test runs or the time zone. */
const NOON = new Date(2025, 5, 10, 12, 0, 0).getTime(); // 10 June 2025

/** Each bucket as "kind:person:day", to read the order at a glance. */
function summarize(followUps: FollowUps) {
  const line = (item: FollowUpItem) =>
    item.kind === 'note'
      ? `note:${item.person.id}:${item.note.followUpAt}`
      : `keep_in_touch:${item.person.id}:${item.dueOn}`;
  return {
    overdue: followUps.overdue.map(line),
    today: followUps.today.map(line),
    thisWeek: followUps.thisWeek.map(line),
  };
}

describe('follow-ups service', () => {
  let dir: Awaited<ReturnType<typeof makeTempDir>>;
  let db: Kysely<LocalDb>;
  let clock: number;
  let network: NetworkService;
  let notes: NotesService;
  let followUps: FollowUpsService;

  beforeEach(async () => {
    dir = await makeTempDir();
    db = await openLocalDb(dir.path);
    await upsertPeople(
      db,
      [ada, bob, cleo, dan, gone].map((person, i) => ({ person, seq: i + 1 })),
    );
    clock = NOON;
    const now = () => clock;
    const signedInPersonId = async () => 'me';
    network = createNetworkService({ db, signedInPersonId, emit: () => {}, syncSoon: () => {}, now });
    notes = createNotesService({ db, signedInPersonId, emit: () => {}, syncSoon: () => {}, now });
    followUps = createFollowUpsService({ db, now });
  });
  afterEach(async () => {
    await db.destroy();
    await dir.remove();
  });

  const connect = (personId: string, patch: Partial<ConnectionFields>) =>
    network.saveConnection({ personId, patch: { kinds: ['worked_with'], ...patch } });

  it('lists nothing for connections without a cadence, however long ago the last interaction', async () => {
    await connect(ada.id, { lastInteractionAt: '2020-01-01' });
    await connect(bob.id, { since: '2019-05-05' });
    expect(await followUps.listFollowUps()).toEqual({
      overdue: [],
      today: [],
      thisWeek: [],
      totals: { overdue: 0, today: 0, thisWeek: 0 },
    });
  });

  it('makes a reminder due a cadence after the last interaction: overdue, today or this week', async () => {
    await connect(ada.id, { lastInteractionAt: '2025-05-31', keepInTouchDays: 7 }); // due 7 June
    await connect(bob.id, { lastInteractionAt: '2025-06-09', keepInTouchDays: 1 }); // due today
    await connect(cleo.id, { lastInteractionAt: '2025-05-17', keepInTouchDays: 30 }); // due 16 June
    await connect(dan.id, { lastInteractionAt: '2025-05-18', keepInTouchDays: 30 }); // due 17 June, day 7
    expect(summarize(await followUps.listFollowUps())).toEqual({
      overdue: ['keep_in_touch:ada:2025-06-07'],
      today: ['keep_in_touch:bob:2025-06-10'],
      thisWeek: ['keep_in_touch:cleo:2025-06-16', 'keep_in_touch:dan:2025-06-17'],
    });

    await connect(dan.id, { lastInteractionAt: '2025-05-19' }); // due 18 June: beyond the week
    expect(summarize(await followUps.listFollowUps()).thisWeek).toEqual(['keep_in_touch:cleo:2025-06-16']);

    clock = new Date(2025, 5, 10, 23, 59, 59).getTime(); // still the same local day
    expect(summarize(await followUps.listFollowUps()).today).toEqual(['keep_in_touch:bob:2025-06-10']);
    clock = new Date(2025, 5, 11, 0, 0, 1).getTime(); // local midnight passed
    expect(summarize(await followUps.listFollowUps()).overdue).toEqual([
      'keep_in_touch:ada:2025-06-07',
      'keep_in_touch:bob:2025-06-10',
    ]);
  });

  it('counts from "known since", else from the day of the last edit, when no interaction is recorded', async () => {
    await connect(ada.id, { since: '2025-06-01', keepInTouchDays: 14 }); // due 15 June
    await connect(bob.id, { keepInTouchDays: 3 }); // edited today: due 13 June
    const due = await followUps.listFollowUps();
    expect(summarize(due).thisWeek).toEqual(['keep_in_touch:bob:2025-06-13', 'keep_in_touch:ada:2025-06-15']);
    expect(due.thisWeek[0]).toMatchObject({
      kind: 'keep_in_touch',
      person: { id: bob.id, name: 'Bob Martin', active: true },
      connection: { personId: bob.id, keepInTouchDays: 3, lastInteractionAt: null, since: null },
    });
  });

  it('moves a reminder a cadence ahead once an interaction is logged today, and drops it when the cadence is cleared', async () => {
    await connect(ada.id, { lastInteractionAt: '2025-05-31', keepInTouchDays: 7 });
    expect(summarize(await followUps.listFollowUps()).overdue).toEqual(['keep_in_touch:ada:2025-06-07']);
    await network.saveConnection({ personId: ada.id, patch: { lastInteractionAt: '2025-06-10' } });
    expect(summarize(await followUps.listFollowUps())).toEqual({
      overdue: [],
      today: [],
      thisWeek: ['keep_in_touch:ada:2025-06-17'], // a week from today: the last day "this week" reaches
    });

    await network.saveConnection({ personId: ada.id, patch: { keepInTouchDays: 2 } });
    expect(summarize(await followUps.listFollowUps()).thisWeek).toEqual(['keep_in_touch:ada:2025-06-12']);
    await network.saveConnection({ personId: ada.id, patch: { keepInTouchDays: null } });
    expect(summarize(await followUps.listFollowUps())).toEqual({ overdue: [], today: [], thisWeek: [] });
  });

  it('computes the due day in SQL as keepInTouchDueOn does in TypeScript', async () => {
    clock = new Date(2025, 5, 10, 0, 0, 1).getTime(); // just after local midnight: UTC may still be the 9th
    await connect(ada.id, { keepInTouchDays: 1 });
    await connect(bob.id, { since: '2025-06-08', keepInTouchDays: 2 });
    await connect(cleo.id, { since: '2024-02-28', lastInteractionAt: '2025-06-05', keepInTouchDays: 365 });
    clock = new Date(2026, 5, 10, 12).getTime(); // a year on: everything is overdue
    const { overdue } = await followUps.listFollowUps();
    expect(overdue.map((item) => item.kind === 'keep_in_touch' && item.dueOn)).toEqual([
      '2025-06-10',
      '2025-06-11',
      '2026-06-05',
    ]);
    for (const item of overdue) {
      if (item.kind !== 'keep_in_touch') throw new Error('expected a keep-in-touch reminder');
      expect(keepInTouchDueOn(item.connection, (t) => toLocalDay(t))).toBe(item.dueOn);
    }
  });

  it('sorts My network by the day each reminder falls due, connections without a cadence last', async () => {
    await connect(ada.id, { lastInteractionAt: '2025-06-01' });
    await connect(bob.id, { lastInteractionAt: '2025-06-01', keepInTouchDays: 30 });
    await connect(cleo.id, { lastInteractionAt: '2025-06-01', keepInTouchDays: 7 });
    const names = async (direction: 'asc' | 'desc') =>
      (await network.listConnections({ sort: 'keepInTouch', direction })).map((e) => e.person.id);
    expect(await names('asc')).toEqual([cleo.id, bob.id, ada.id]);
    expect(await names('desc')).toEqual([bob.id, cleo.id, ada.id]);
  });

  it('skips colleagues who left and removed connections', async () => {
    await connect(gone.id, { lastInteractionAt: '2025-01-01', keepInTouchDays: 30 });
    await connect(ada.id, { lastInteractionAt: '2025-01-01', keepInTouchDays: 30 });
    await network.removeConnection(ada.id);
    expect(summarize(await followUps.listFollowUps())).toEqual({ overdue: [], today: [], thisWeek: [] });
  });

  it("sorts notes' follow-ups and reminders together by day, notes first on the same day", async () => {
    const note = (personId: string, followUpAt: string | null, body = 'Catch up') =>
      notes.save({ personId, body, tags: [], pinned: false, followUpAt });
    await note(ada.id, '2024-12-31');
    await note(bob.id, '2025-06-09');
    await note(cleo.id, '2025-06-10');
    await note(ada.id, '2025-06-11');
    await note(ada.id, '2025-06-17');
    await note(ada.id, '2025-06-18'); // beyond the week
    await note(ada.id, null);
    await connect(dan.id, { lastInteractionAt: '2025-06-02', keepInTouchDays: 7 }); // due 9 June
    await connect(cleo.id, { lastInteractionAt: '2025-06-03', keepInTouchDays: 7 }); // due today

    const due = await followUps.listFollowUps();
    expect(summarize(due)).toEqual({
      overdue: ['note:ada:2024-12-31', 'note:bob:2025-06-09', 'keep_in_touch:dan:2025-06-09'],
      today: ['note:cleo:2025-06-10', 'keep_in_touch:cleo:2025-06-10'],
      thisWeek: ['note:ada:2025-06-11', 'note:ada:2025-06-17'],
    });
    expect(due.today[0]).toMatchObject({
      kind: 'note',
      person: { name: 'Cleo Park' },
      note: { excerpt: 'Catch up', followUpAt: '2025-06-10' },
    });
    expect(due.totals).toEqual({ overdue: 3, today: 2, thisWeek: 2 });
  });

  it('lists at most FOLLOW_UPS_PER_BUCKET_MAX items a bucket, the soonest, each note with the start of its body', async () => {
    const long = `First line\n${'x'.repeat(100_000)}`;
    const day = (n: number) => toLocalDay(new Date(2024, 0, 1).getTime(), n);
    await notes.saveMany(
      Array.from({ length: FOLLOW_UPS_PER_BUCKET_MAX + 5 }, (_, i) => ({
        personId: ada.id,
        body: long,
        tags: [],
        pinned: false,
        followUpAt: day(i),
      })),
    );
    await connect(bob.id, { lastInteractionAt: '2023-12-30', keepInTouchDays: 1 }); // due 31 Dec 2023: first
    await notes.save({ personId: cleo.id, body: 'Today', tags: [], pinned: false, followUpAt: '2025-06-10' });

    const due = await followUps.listFollowUps();
    expect(due.totals).toEqual({ overdue: FOLLOW_UPS_PER_BUCKET_MAX + 6, today: 1, thisWeek: 0 });
    expect(due.overdue).toHaveLength(FOLLOW_UPS_PER_BUCKET_MAX);
    expect(summarize(due).overdue.slice(0, 3)).toEqual([
      'keep_in_touch:bob:2023-12-31',
      `note:ada:${day(0)}`,
      `note:ada:${day(1)}`,
    ]);
    expect(summarize(due).overdue.at(-1)).toBe(`note:ada:${day(FOLLOW_UPS_PER_BUCKET_MAX - 2)}`);
    const first = due.overdue[1];
    if (first?.kind !== 'note') throw new Error('expected a note');
    expect(first.note.excerpt).toBe(long.slice(0, NOTE_EXCERPT_MAX));
    expect(first.note).not.toHaveProperty('body');
    expect(FollowUps.safeParse(due).success).toBe(true);
    expect(JSON.stringify(due).length).toBeLessThan(FOLLOW_UPS_PER_BUCKET_MAX * 2_000);
    expect(summarize(due).today).toEqual(['note:cleo:2025-06-10']);
  });
});
