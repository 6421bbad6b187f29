import { describe, expect, it } from 'vitest';
import type { EgoGraph } from '../../../../src-shared/domain/graph.ts';
import { buildGraph } from '../../../../src-renderer/graph/build-graph.ts';
import { detectClusters } from '../../../../src-renderer/graph/clusters.ts';
import {
  computeBetweenness,
  toTopologyInput,
  computeDegree,
  normalizeScores,
} from '../../../../src-renderer/graph/metrics.ts';
import { person, tie } from './fixture.ts';

/** Two cliques of `size` people (a0…, b0…) joined by a single tie a0–b0; the ego is a0. */
function twoCliques(size: number): EgoGraph {
  const ids = (prefix: string) => Array.from({ length: size }, (_, i) => `${prefix}${i}`);
  const nodes = [...ids('a'), ...ids('b')].map((id) =>
    person(id, id.toUpperCase(), 'Eng', 'Lyon', id === 'a0' ? 0 : 1),
  );
  const edges = [];
  for (const group of [ids('a'), ids('b')]) {
    for (let i = 0; i < group.length; i++) {
      for (let j = i + 1; j < group.length; j++)
        edges.push(tie('shared', group[i]!, group[j]!, 3, ['worked_with']));
    }
  }
  edges.push(tie('connection', 'a0', 'b0', 1, ['worked_with']));
  return { egoId: 'a0', depth: 2, truncated: false, nodes, edges };
}

/** A ring of people with chords: several plausible partitions, so the seed matters. */
function ring(size: number): EgoGraph {
  const nodes = Array.from({ length: size }, (_, i) =>
    person(`p${i}`, `P${i}`, 'Eng', 'Lyon', i === 0 ? 0 : 1),
  );
  const edges = [];
  for (let i = 0; i < size; i++) {
    edges.push(tie('shared', `p${i}`, `p${(i + 1) % size}`, 1 + (i % 5), ['worked_with']));
    if (i % 3 === 0) edges.push(tie('shared', `p${i}`, `p${(i + 7) % size}`, 2, ['mentor']));
  }
  return { egoId: 'p0', depth: 2, truncated: false, nodes, edges };
}

describe('detectClusters', () => {
  it('finds the two cliques joined by one edge', () => {
    const clusters = detectClusters(buildGraph(twoCliques(6)));
    expect(clusters.count).toBe(2);
    const a = clusters.byNode.a0;
    const b = clusters.byNode.b0;
    expect(a).not.toBe(b);
    for (let i = 0; i < 6; i++) {
      expect(clusters.byNode[`a${i}`]).toBe(a);
      expect(clusters.byNode[`b${i}`]).toBe(b);
    }
  });

  it('gives the same partition for the same graph and seed, every time', () => {
    const graph = buildGraph(ring(60));
    const first = detectClusters(graph, { seed: 7 });
    const second = detectClusters(buildGraph(ring(60)), { seed: 7 });
    expect(second).toEqual(first);
    expect(first.count).toBeGreaterThan(1);
  });

  it('numbers clusters by size, the largest 0', () => {
    const { byNode, count } = detectClusters(buildGraph(ring(60)), { seed: 3 });
    const sizes = Array.from(
      { length: count },
      (_, c) => Object.values(byNode).filter((v) => v === c).length,
    );
    expect([...sizes].sort((x, y) => y - x)).toEqual(sizes);
  });
});

describe('metrics', () => {
  it('normalises degree to the best-connected node', () => {
    const degree = computeDegree(buildGraph(twoCliques(4)));
    expect(degree.a0).toBe(1);
    expect(degree.a1).toBeCloseTo(3 / 4);
  });

  it('puts the bridge ends on top of betweenness and the rest at zero', () => {
    const betweenness = computeBetweenness(toTopologyInput(buildGraph(twoCliques(4))));
    expect(betweenness.a0).toBe(1);
    expect(betweenness.b0).toBe(1);
    expect(betweenness.a1).toBe(0);
  });

  it('leaves all-zero scores at zero', () => {
    expect(normalizeScores({ a: 0, b: 0 })).toEqual({ a: 0, b: 0 });
  });
});
