import { describe, expect, it } from 'vitest';
import { deriveAppearance } from '../../../../src-renderer/graph/appearance.ts';
import { buildGraph } from '../../../../src-renderer/graph/build-graph.ts';
import {
  describeNode,
  firstFocus,
  nextFocus,
  nodesByDegree,
} from '../../../../src-renderer/graph/graph-keyboard.ts';
import { COMMUNITY_ID, fixtureEgoGraph } from './fixture.ts';

const { graph } = deriveAppearance({
  graph: buildGraph(fixtureEgoGraph()),
  controls: { colorBy: 'department' },
});

/** A fixed screen: each node where the test puts it (viewport pixels, y down). */
function screenOf(points: Record<string, [number, number]>) {
  return (id: string) => {
    const [x, y] = points[id] ?? [10_000, 10_000];
    return { x, y };
  };
}

describe('graph keyboard travel', () => {
  it('starts at the ego', () => {
    expect(firstFocus(graph)).toBe('me');
    expect(nextFocus(graph, null, 'ArrowRight', screenOf({}))).toBe('me');
  });

  it('moves to the nearest node in the arrow direction, neighbours first, then anyone', () => {
    const screen = screenOf({ me: [0, 0], cy: [30, 0], ann: [100, 5], bob: [200, 0], dee: [0, 300] });
    // cy is nearer on the right, but ann is the ego's neighbour and cy is not.
    expect(nextFocus(graph, 'me', 'ArrowRight', screen)).toBe('ann');
    expect(nextFocus(graph, 'me', 'ArrowDown', screen)).toBe('dee');
    // cy's only neighbour (bob) is to its right: to the left, the nearest of anyone.
    expect(nextFocus(graph, 'cy', 'ArrowLeft', screen)).toBe('me');
  });

  it('falls back to the order by degree when nothing lies that way', () => {
    const order = nodesByDegree(graph);
    const everywhere = screenOf({});
    expect(nextFocus(graph, order[1]!, 'ArrowUp', everywhere)).toBe(order[0]);
    expect(nextFocus(graph, order[0]!, 'ArrowRight', everywhere)).toBe(order[1]);
    expect(nextFocus(graph, order[0]!, 'ArrowLeft', everywhere)).toBe(order.at(-1));
  });

  it('reads a person and a community out in words', () => {
    expect(describeNode(graph, 'me')).toMatch(
      /^Me Myself \(you\), Engineering lead, Engineering\. \d+ links?$/,
    );
    expect(describeNode(graph, `community:${COMMUNITY_ID}`)).toMatch(/, community, \d+ members?$/);
    expect(describeNode(graph, 'nobody')).toBe('');
  });
});
