import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore } from '#core/create-core';
import type { Core } from '#core/core-types';
import { generateOrg, issueToken, startServer, type RunningServer } from '#server/server';
import { memorySecrets } from '../../support/memory-secrets.ts';
import { settle } from '../../support/push-fixture.ts';
import { makeTempDir } from '../../support/temp-dir.ts';

const DEMO = { size: 'S' as const, seed: 7 };
const demoOrg = generateOrg(DEMO);
const me = demoOrg.demoUserId;

/** The demo org's graph, synced from a real server on 127.0.0.1 into a real core, read through the contract. */
describe('network graph of the synced demo org', () => {
  let dir: Awaited<ReturnType<typeof makeTempDir>>;
  let server: RunningServer;
  let core: Core;

  beforeAll(async () => {
    dir = await makeTempDir();
    server = await startServer({ dbFile: join(dir.path, 'server.db'), demo: DEMO });
    core = await createCore({ dataDir: join(dir.path, 'client'), secrets: memorySecrets() });
    await core.handlers.session.connectServer({
      serverUrl: server.url,
      token: await issueToken(server.db, me),
    });
    await settle(core);
  });
  afterAll(async () => {
    await core.close();
    await server.close();
    await dir.remove();
  });

  it('centres on the signed-in person, their connections at depth 1 and the people those know at depth 2', async () => {
    const mine = await core.handlers.network.listConnections({ sort: 'name', direction: 'asc' });
    const depth1 = await core.handlers.graph.egoGraph({ depth: 1 });
    const people1 = depth1.nodes.filter((n) => n.type === 'person');
    expect(people1.find((n) => n.depth === 0)?.id).toBe(me);
    for (const { person } of mine.items) expect(people1.some((n) => n.id === person.id)).toBe(true);
    expect(depth1.edges.filter((e) => e.type === 'connection')).toHaveLength(mine.items.length);

    const depth2 = await core.handlers.graph.egoGraph({ depth: 2 });
    const second = depth2.nodes.filter((n) => n.type === 'person' && n.depth === 2);
    expect(second.length).toBeGreaterThan(0);
    expect(depth2.edges.some((e) => e.type === 'shared')).toBe(true);
    const ids = new Set(depth2.nodes.map((n) => n.id));
    for (const e of depth2.edges) expect(ids.has(e.source) && ids.has(e.target)).toBe(true);
  });

  it('finds who can introduce you to someone in a department you do not reach', async () => {
    const insights = await core.handlers.graph.insights(undefined);
    const unreached = insights.byDepartment.filter((d) => d.known === 0).map((d) => d.value);
    expect(unreached.length).toBeGreaterThanOrEqual(3);
    expect(insights.bridges.length).toBeGreaterThan(0);
    const bridge = insights.bridges[0]!;
    expect(bridge.reaches.every((d) => unreached.includes(d))).toBe(true);

    // Someone the first bridge knows there: the bridge is a way to them.
    const depth2 = await core.handlers.graph.egoGraph({ depth: 2 });
    const target = depth2.edges
      .filter((e) => e.type === 'shared' && e.source === bridge.person.id)
      .map((e) => depth2.nodes.find((n) => n.id === e.target))
      .find((n) => n?.type === 'person' && bridge.reaches.includes(n.person.department));
    expect(target).toBeDefined();
    const intro = await core.handlers.graph.introductions({ personId: target!.id });
    expect(intro.direct).toBe(false);
    expect(intro.paths.length).toBeGreaterThan(0);
    expect(intro.paths[0]!.steps.at(-1)!.person.id).toBe(target!.id);
    expect(intro.paths.some((p) => p.ask.id === bridge.person.id)).toBe(true);
  });

  it('remembers the layout across a restart of the core', async () => {
    const g = await core.handlers.graph.egoGraph({ depth: 1 });
    await core.handlers.graph.saveLayout({ positions: g.nodes.map((n, i) => ({ id: n.id, x: i, y: -i })) });
    await core.close();
    core = await createCore({ dataDir: join(dir.path, 'client'), secrets: memorySecrets() });
    // Resuming needs the token again: the secrets were in memory, so read the cache directly through a fresh sign-in.
    await core.handlers.session.connectServer({
      serverUrl: server.url,
      token: await issueToken(server.db, me),
    });
    const again = await core.handlers.graph.egoGraph({ depth: 1 });
    expect(again.nodes.every((n) => n.position !== null)).toBe(true);
  });
});
