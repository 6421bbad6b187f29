import { describe, expect, it } from 'vitest';
import { buildGraph, pairKey } from '../../../../src-renderer/graph/build-graph.ts';
import { COMMUNITY_ID, fixtureEgoGraph } from './fixture.ts';

describe('buildGraph', () => {
  it('merges the ties of one pair into one edge that keeps them all, with the strongest strength', () => {
    const graph = buildGraph(fixtureEgoGraph());
    expect(graph.type).toBe('undirected');
    expect(graph.multi).toBe(false);
    const edge = graph.getEdgeAttributes(pairKey('ann', 'me'));
    expect(edge.ties.map((t) => t.type)).toEqual(['connection', 'reports_to']);
    expect(edge.strength).toBe(4);
    expect(graph.size).toBe(7);
  });

  it('keeps the DTO node, the depth, the label and a cached position as x/y', () => {
    const graph = buildGraph(fixtureEgoGraph());
    expect(graph.getAttributes()).toEqual({ egoId: 'me', depth: 2, truncated: false });
    expect(graph.getNodeAttributes('me')).toMatchObject({ label: 'Me Myself', depth: 0, x: 1, y: 2 });
    expect(graph.getNodeAttribute('ann', 'x')).toBeUndefined();
    expect(graph.getNodeAttribute('cy', 'depth')).toBe(2);
    const community = graph.getNodeAttributes(`community:${COMMUNITY_ID}`);
    expect(community).toMatchObject({ label: 'Platform Guild', depth: null });
    expect(community.node.type).toBe('community');
  });

  it('skips ties to nodes it does not have', () => {
    const graph = buildGraph(fixtureEgoGraph());
    expect(graph.hasNode('ghost')).toBe(false);
    expect(graph.degree('me')).toBe(4);
  });
});
