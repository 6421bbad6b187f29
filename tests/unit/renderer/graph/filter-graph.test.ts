import { describe, expect, it } from 'vitest';
import { buildGraph, pairKey } from '../../../../src-renderer/graph/build-graph.ts';
import { filterGraph } from '../../../../src-renderer/graph/filter-graph.ts';
import {
  applyGraphControlChange,
  DEFAULT_GRAPH_CONTROLS,
  type GraphControls,
} from '../../../../src-renderer/graph/graph-controls.ts';
import { COMMUNITY_ID, fixtureEgoGraph } from './fixture.ts';

const community = `community:${COMMUNITY_ID}`;
const full = buildGraph(fixtureEgoGraph());
const at2: GraphControls = { ...DEFAULT_GRAPH_CONTROLS, depth: 2 };
const visible = (controls: GraphControls) => filterGraph(full, controls).nodes().sort();

describe('filterGraph', () => {
  it('shows everyone with no filter at depth 2, and hides depth-2 people at depth 1', () => {
    expect(visible(at2)).toEqual(['ann', 'bob', community, 'cy', 'dee', 'me'].sort());
    expect(visible(DEFAULT_GRAPH_CONTROLS)).not.toContain('cy');
  });

  it('keeps the matching department, the ego always, and drops who is left without an edge', () => {
    const nodes = visible({ ...at2, filters: { department: 'Sales' } });
    // ann (Engineering) and cy (Finance) go; dee keeps her membership and her tie to you.
    expect(nodes).toEqual(['bob', community, 'dee', 'me'].sort());
  });

  it('keeps the matching site', () => {
    expect(visible({ ...at2, filters: { location: 'Paris' } })).toEqual(
      ['ann', community, 'dee', 'me'].sort(),
    );
  });

  it('keeps the members of a community and that community', () => {
    expect(visible({ ...at2, filters: { communityId: COMMUNITY_ID } })).toEqual(
      [community, 'dee', 'me'].sort(),
    );
  });

  it('drops community nodes when they are hidden', () => {
    expect(visible({ ...at2, showCommunities: false })).not.toContain(community);
  });

  it('keeps only ties of a kind, which hides reporting lines and memberships', () => {
    const graph = filterGraph(full, { ...at2, filters: { kind: 'mentor' } });
    expect(graph.nodes().sort()).toEqual(['ann', 'bob', 'me']);
    expect(graph.hasEdge(pairKey('me', 'ann'))).toBe(false);
    expect(graph.getEdgeAttributes(pairKey('ann', 'bob')).ties).toHaveLength(1);
  });

  it('drops ties under the minimum strength and recomputes an edge strength from what is left', () => {
    const graph = filterGraph(full, { ...at2, filters: { minStrength: 4 } });
    expect(graph.nodes().sort()).toEqual(['ann', 'bob', 'me']);
    const kept = graph.getEdgeAttributes(pairKey('me', 'ann'));
    expect(kept.ties.map((t) => t.type)).toEqual(['connection']);
    expect(kept.strength).toBe(4);
    // The full graph is untouched.
    expect(full.getEdgeAttributes(pairKey('me', 'ann')).ties).toHaveLength(2);
  });

  it('keeps the ego (and its own memberships) when no one matches', () => {
    expect(visible({ ...at2, filters: { department: 'Legal' } })).toEqual([community, 'me'].sort());
    expect(visible({ ...at2, showCommunities: false, filters: { department: 'Legal' } })).toEqual(['me']);
  });
});

describe('applyGraphControlChange', () => {
  it('sets and clears filters, and returns the same object when nothing changes', () => {
    const a = applyGraphControlChange(DEFAULT_GRAPH_CONTROLS, {
      type: 'setFilter',
      filters: { department: 'Sales' },
    });
    expect(a.filters).toEqual({ department: 'Sales' });
    const b = applyGraphControlChange(a, { type: 'setFilter', filters: { minStrength: 1, location: '' } });
    expect(b.filters).toEqual({ department: 'Sales' });
    expect(applyGraphControlChange(b, { type: 'clearFilter', key: 'department' }).filters).toEqual({});
    expect(applyGraphControlChange(b, { type: 'setColorBy', colorBy: 'department' })).toBe(b);
    expect(applyGraphControlChange(b, { type: 'reset' })).toBe(DEFAULT_GRAPH_CONTROLS);
  });
});
