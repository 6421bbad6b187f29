import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ProposeCommunityInput } from '#shared/domain/community';
import { colleagues, settle, startPushFixture } from './push-fixture.ts';

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
    await waitUntil('the new community on the listening core', async () =>
      Boolean(
        await a.db
          .selectFrom('communities')
          .select('id')
          .where('id', '=', proposed.community.id)
          .executeTakeFirst(),
      ),
    );
  });

  it('a core that does not listen still waits for its interval', async () => {
    const a = await fx.signedInCore('a');
    const b = await fx.signedInCore('b', { personId: colleagues[0]!.id });
    await Promise.all([settle(a.core), settle(b.core)]);
    const proposed = await b.core.handlers.communities.propose(CLUB);
    await b.core.handlers.sync.syncNow(undefined);
    await new Promise((r) => setTimeout(r, 1500));
    const row = await a.db
      .selectFrom('communities')
      .select('id')
      .where('id', '=', proposed.community.id)
      .executeTakeFirst();
    expect(row).toBeUndefined();
    await settle(a.core);
    expect(
      await a.db
        .selectFrom('communities')
        .select('id')
        .where('id', '=', proposed.community.id)
        .executeTakeFirst(),
    ).toBeDefined();
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
    await waitUntil('the community pushed after the restart', async () =>
      Boolean(
        await a.db
          .selectFrom('communities')
          .select('id')
          .where('id', '=', proposed.community.id)
          .executeTakeFirst(),
      ),
    );
  });
});
