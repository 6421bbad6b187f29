import type { Kysely } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { LocalDb } from '#core/store/local-db';
import type { ProposeCommunityInput } from '#shared/domain/community';
import { colleagues, settle, startPushFixture } from '../../support/push-fixture.ts';

type Fixture = Awaited<ReturnType<typeof startPushFixture>>;

const CLUB: ProposeCommunityInput = {
  name: 'Sourdough Club',
  kind: 'interest_group',
  purpose: 'Bake and share',
  objectives: [],
  visibility: 'open',
};

/** Polls until `check` holds: a deadline only against hanging, not a speed claim (the benchmark measures that). */
async function waitUntil(what: string, check: () => Promise<boolean>, ms = 10_000) {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Whether the core's cache (seen through a second handle on its file) holds the community. */
async function hasCommunity(db: Kysely<LocalDb>, id: string): Promise<boolean> {
  return Boolean(await db.selectFrom('communities').select('id').where('id', '=', id).executeTakeFirst());
}

describe('live updates: the server pokes a connected core', () => {
  let fx: Fixture;
  beforeEach(async () => (fx = await startPushFixture()));
  afterEach(() => fx.close());

  it("pulls another user's post without a manual sync or the 5-minute interval", async () => {
    const a = await fx.signedInCore('a', { liveUpdates: true });
    const b = await fx.signedInCore('b', { personId: colleagues[0]!.id });
    await Promise.all([settle(a.core), settle(b.core)]);

    const proposed = await b.core.handlers.communities.propose(CLUB);
    await b.core.handlers.sync.syncNow(undefined); // b pushes; a is only told by the stream
    await waitUntil('the new community on the listening core', () =>
      hasCommunity(a.db, proposed.community.id),
    );
  });

  it('a core that does not listen still waits for its interval', async () => {
    const a = await fx.signedInCore('a');
    const b = await fx.signedInCore('b', { personId: colleagues[0]!.id });
    // The same person on a device that listens: once it has been told, the stream has spoken.
    const listening = await fx.signedInCore('listening', { liveUpdates: true });
    await Promise.all([settle(a.core), settle(b.core), settle(listening.core)]);
    const proposed = await b.core.handlers.communities.propose(CLUB);
    await b.core.handlers.sync.syncNow(undefined);
    await waitUntil('the community on the listening core', () =>
      hasCommunity(listening.db, proposed.community.id),
    );
    expect(await hasCommunity(a.db, proposed.community.id)).toBe(false);
    await settle(a.core);
    expect(await hasCommunity(a.db, proposed.community.id)).toBe(true);
  });

  it('on wake (resume from sleep, network back) reopens the stream at once instead of waiting out its backoff', async () => {
    const slowRetry = { retry: { baseMs: 60_000, maxMs: 60_000 } };
    const a = await fx.signedInCore('a', { liveUpdates: true, sync: slowRetry });
    await settle(a.core);
    await fx.stopServer();
    await new Promise((r) => setTimeout(r, 200)); // the stream drops; its reconnect now waits about a minute
    await fx.restartServer();
    a.core.desktop.wake();
    await settle(a.core);
    const b = await fx.signedInCore('b', { personId: colleagues[0]!.id });
    await settle(b.core);
    const proposed = await b.core.handlers.communities.propose(CLUB);
    await b.core.handlers.sync.syncNow(undefined);
    await waitUntil(
      'the community, told by the reopened stream',
      () => hasCommunity(a.db, proposed.community.id),
      5_000,
    );
  });

  it('picks up what changed while the server was down once it is back', async () => {
    const a = await fx.signedInCore('a', { liveUpdates: true });
    await settle(a.core);
    await fx.stopServer();
    await fx.restartServer();
    const b = await fx.signedInCore('b', { personId: colleagues[0]!.id });
    await settle(b.core);
    const proposed = await b.core.handlers.communities.propose(CLUB);
    await b.core.handlers.sync.syncNow(undefined);
    await waitUntil('the community pushed after the restart', () =>
      hasCommunity(a.db, proposed.community.id),
    );
  });
});
