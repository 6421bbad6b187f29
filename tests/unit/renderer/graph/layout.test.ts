import { describe, expect, it } from 'vitest';
import { buildGraph } from '../../../../src-renderer/graph/build-graph.ts';
import { layoutGraph, runLayout, type LayoutInput } from '../../../../src-renderer/graph/layout.ts';
import { fixtureEgoGraph } from './fixture.ts';

/** Three groups of 12, dense inside, a few links across. */
function smallOrg(): LayoutInput {
  const nodes = Array.from({ length: 36 }, (_, i) => ({ id: `n${i}` }));
  const edges: LayoutInput['edges'] = [];
  for (let g = 0; g < 3; g++) {
    for (let i = 0; i < 12; i++) {
      for (let j = i + 1; j < 12; j += 3) edges.push([`n${g * 12 + i}`, `n${g * 12 + j}`, 1 + ((i + j) % 5)]);
    }
  }
  edges.push(['n0', 'n12', 1], ['n13', 'n24', 1], ['n25', 'n1', 2]);
  return { nodes, edges };
}

describe('runLayout', () => {
  it('converges on a small graph before the cap, with finite positions for every node', () => {
    const result = runLayout(smallOrg(), { seed: 1 });
    expect(result.converged).toBe(true);
    expect(result.iterations).toBeLessThan(1000);
    expect(result.displacement).toBeLessThan(0.0015);
    expect(Object.keys(result.positions)).toHaveLength(36);
    for (const { x, y } of Object.values(result.positions)) {
      expect(Number.isFinite(x)).toBe(true);
      expect(Number.isFinite(y)).toBe(true);
    }
  });

  it('is deterministic for a seed, and another seed gives another layout', () => {
    const a = runLayout(smallOrg(), { seed: 5 });
    expect(runLayout(smallOrg(), { seed: 5 })).toEqual(a);
    expect(runLayout(smallOrg(), { seed: 6 }).positions).not.toEqual(a.positions);
  });

  it('reports the cap when it stops before converging', () => {
    const result = runLayout(smallOrg(), { seed: 1, maxIterations: 20, tolerance: 1e-9 });
    expect(result).toMatchObject({ iterations: 20, converged: false });
  });

  it('starts from cached positions: a laid-out graph barely moves, new nodes start near a neighbour', () => {
    const input = smallOrg();
    const first = runLayout(input, { seed: 1 });
    const placed: LayoutInput = {
      ...input,
      nodes: input.nodes.map(({ id }) => (id === 'n35' ? { id } : { id, ...first.positions[id] })),
    };
    const second = runLayout(placed, { seed: 2, noverlap: false });
    expect(second.kept).toBe(35);
    const extent = Math.max(...Object.values(first.positions).map((p) => Math.hypot(p.x, p.y)));
    const drift = Object.keys(first.positions)
      .filter((id) => id !== 'n35')
      .map((id) =>
        Math.hypot(
          second.positions[id]!.x - first.positions[id]!.x,
          second.positions[id]!.y - first.positions[id]!.y,
        ),
      );
    const meanDrift = drift.reduce((a, b) => a + b, 0) / drift.length;
    expect(meanDrift).toBeLessThan(extent * 0.1);
    // The new node ends up next to its group (n24…n35), not among another.
    const center = (from: number) => {
      const ids = Array.from({ length: 11 }, (_, i) => `n${from + i}`);
      const xs = ids.map((id) => second.positions[id]!);
      return { x: xs.reduce((s, p) => s + p.x, 0) / 11, y: xs.reduce((s, p) => s + p.y, 0) / 11 };
    };
    const p = second.positions.n35!;
    const distanceTo = (c: { x: number; y: number }) => Math.hypot(p.x - c.x, p.y - c.y);
    expect(distanceTo(center(24))).toBeLessThan(distanceTo(center(0)));
    expect(distanceTo(center(24))).toBeLessThan(distanceTo(center(12)));
  });

  it('lays out a KithGraph, keeping its cached positions as a start', () => {
    const result = layoutGraph(buildGraph(fixtureEgoGraph()), { seed: 1 });
    expect(result.kept).toBe(1);
    expect(Object.keys(result.positions).sort()).toEqual(buildGraph(fixtureEgoGraph()).nodes().sort());
  });
});
