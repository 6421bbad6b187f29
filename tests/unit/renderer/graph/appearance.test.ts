import { describe, expect, it } from 'vitest';
import {
  CATEGORY_PALETTE,
  COMMUNITY_COLOR,
  deriveAppearance,
  edgeSize,
  NODE_SIZE,
} from '../../../../src-renderer/graph/appearance.ts';
import { buildGraph, pairKey } from '../../../../src-renderer/graph/build-graph.ts';
import { detectClusters } from '../../../../src-renderer/graph/clusters.ts';
import { computeDegree } from '../../../../src-renderer/graph/metrics.ts';
import { COMMUNITY_ID, fixtureEgoGraph } from './fixture.ts';

const graph = buildGraph(fixtureEgoGraph());

describe('deriveAppearance', () => {
  it('colours by department from the palette, most common first, communities apart', () => {
    const { graph: render, legend } = deriveAppearance({ graph, controls: { colorBy: 'department' } });
    expect(legend.map((entry) => entry.category)).toEqual(['Engineering', 'Sales', 'Finance']);
    expect(render.getNodeAttribute('ann', 'color')).toBe(CATEGORY_PALETTE[0]);
    expect(render.getNodeAttribute('bob', 'color')).toBe(CATEGORY_PALETTE[1]);
    expect(render.getNodeAttributes(`community:${COMMUNITY_ID}`)).toMatchObject({
      color: COMMUNITY_COLOR,
      type: 'square',
    });
  });

  it('colours by cluster, sizes by score with the ego largest, and uses layout positions', () => {
    const clusters = detectClusters(graph);
    const { graph: render, legend } = deriveAppearance({
      graph,
      controls: { colorBy: 'cluster' },
      clusters,
      scores: computeDegree(graph),
      positions: { bob: { x: 40, y: -3 } },
    });
    expect(legend.every((entry) => entry.category.startsWith('Cluster '))).toBe(true);
    expect(render.getNodeAttributes('bob')).toMatchObject({ x: 40, y: -3, label: 'Bob' });
    expect(render.getNodeAttributes('me')).toMatchObject({ x: 1, y: 2, isEgo: true, forceLabel: true });
    expect(render.getNodeAttribute('me', 'size')).toBeGreaterThanOrEqual(NODE_SIZE.ego);
    expect(render.getNodeAttribute('cy', 'size')).toBeLessThan(render.getNodeAttribute('bob', 'size'));
  });

  it('sizes edges by strength and colours them by their closest tie', () => {
    const { graph: render } = deriveAppearance({ graph, controls: { colorBy: 'department' } });
    const meAnn = render.getEdgeAttributes(pairKey('me', 'ann'));
    expect(meAnn).toMatchObject({
      tieType: 'connection',
      size: edgeSize(4),
      types: ['connection', 'reports_to'],
    });
    const member = render.getEdgeAttributes(pairKey('me', `community:${COMMUNITY_ID}`));
    expect(member.tieType).toBe('member');
    expect(member.color).not.toBe(meAnn.color);
  });
});
