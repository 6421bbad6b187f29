import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { extractEgoGraph, MAX_SECOND_DEGREE } from '#core/graph/ego-graph.repo';
import { saveLayout } from '#core/graph/graph-layout.repo';
import { upsertPeople } from '#core/store/people.repo';
import type { EgoGraph } from '#shared/domain/graph';
import { ME, TINY_CLUB, insertSharedConnections, openGraphFixture } from '../../../support/graph-fixture.ts';
import { makePerson } from '../../../support/people.ts';

type Fixture = Awaited<ReturnType<typeof openGraphFixture>>;

const nodeIds = (g: EgoGraph) => g.nodes.map((n) => n.id).sort();
const edgeKeys = (g: EgoGraph) =>
  g.edges.map((e) => `${e.type}:${e.source}>${e.target}:${e.strength}`).sort();
const depthOf = (g: EgoGraph, id: string) => {
  const node = g.nodes.find((n) => n.id === id);
  return node?.type === 'person' ? node.depth : undefined;
};

describe('extractEgoGraph', () => {
  let f: Fixture;
  beforeEach(async () => {
    f = await openGraphFixture();
  });
  afterEach(() => f.close());

  it('holds you, your connections, manager, reports and communities at depth 1', async () => {
    const g = await extractEgoGraph(f.db, ME, 1);
    expect(nodeIds(g)).toEqual(['ann', 'bob', 'boss', `community:${TINY_CLUB}`, 'gus', ME, 'rep'].sort());
    expect(depthOf(g, ME)).toBe(0);
    expect(depthOf(g, 'boss')).toBe(1);
    expect(edgeKeys(g)).toEqual(
      [
        'connection:me>ann:5',
        'connection:me>bob:2',
        'connection:me>gus:3',
        'reports_to:me>boss:4',
        'reports_to:rep>me:4',
        `member:me>community:${TINY_CLUB}:2`,
        `member:gus>community:${TINY_CLUB}:2`,
      ].sort(),
    );
    expect(g.truncated).toBe(false);
    const ann = g.nodes.find((n) => n.id === 'ann');
    expect(ann).toMatchObject({
      type: 'person',
      person: { name: 'Ann', department: 'Engineering' },
      position: null,
    });
    expect(g.edges.find((e) => e.target === 'ann')?.kinds).toEqual(['worked_with']);
  });

  it('adds the people your people know at depth 2, with the ties among everyone shown', async () => {
    const g = await extractEgoGraph(f.db, ME, 2);
    for (const id of ['cat', 'dan', 'h1']) expect(depthOf(g, id)).toBe(2);
    // Two ties away from anyone you know, or known only through someone's tie to you: not shown.
    for (const id of ['eve', 'h2', 'kim', 'zoe']) expect(depthOf(g, id)).toBeUndefined();
    expect(edgeKeys(g)).toEqual(
      expect.arrayContaining(['shared:ann>cat:5', 'shared:ann>h1:5', 'shared:bob>dan:4', 'shared:cat>dan:5']),
    );
    // Every edge joins two nodes of the graph.
    const ids = new Set(nodeIds(g));
    for (const e of g.edges) expect(ids.has(e.source) && ids.has(e.target)).toBe(true);
  });

  it('keeps the closest second degree and says so when there are more', async () => {
    const extra = Array.from({ length: MAX_SECOND_DEGREE + 10 }, (_, i) =>
      makePerson({ id: `x${i}`, name: `Extra ${i}` }),
    );
    await upsertPeople(
      f.db,
      extra.map((person) => ({ person, seq: 2 })),
      { fresh: false },
    );
    await insertSharedConnections(
      f.db,
      extra.map((p) => ['gus', p.id, 1]),
    );
    const g = await extractEgoGraph(f.db, ME, 2);
    expect(g.truncated).toBe(true);
    expect(g.nodes.filter((n) => n.type === 'person' && n.depth === 2)).toHaveLength(MAX_SECOND_DEGREE);
    // One tie each: the strongest first, so ann's and bob's people stay and gus's weak ties fill the rest.
    for (const id of ['cat', 'dan', 'h1']) expect(depthOf(g, id)).toBe(2);
  });

  it('gives each node the position the last layout saved', async () => {
    await saveLayout(f.db, [
      { id: 'ann', x: 1.5, y: -2 },
      { id: `community:${TINY_CLUB}`, x: 3, y: 4 },
    ]);
    await saveLayout(f.db, [{ id: 'ann', x: 7, y: 8 }]);
    const g = await extractEgoGraph(f.db, ME, 1);
    expect(g.nodes.find((n) => n.id === 'ann')?.position).toEqual({ x: 7, y: 8 });
    expect(g.nodes.find((n) => n.type === 'community')?.position).toEqual({ x: 3, y: 4 });
    expect(g.nodes.find((n) => n.id === 'bob')?.position).toBeNull();
  });

  it('is empty before the directory knows who you are', async () => {
    const g = await extractEgoGraph(f.db, 'not-synced-yet', 2);
    expect(g).toMatchObject({ nodes: [], edges: [], truncated: false });
  });
});
