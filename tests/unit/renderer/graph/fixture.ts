import type { EgoGraph, GraphEdge, GraphNode } from '../../../../src-shared/domain/graph.ts';

export const COMMUNITY_ID = '8b8f1f7e-3a59-4c3e-9d7c-2f8a3c1b0d11';

export function person(
  id: string,
  name: string,
  department: string,
  location: string,
  depth: 0 | 1 | 2,
  position: { x: number; y: number } | null = null,
): GraphNode {
  return {
    type: 'person',
    id,
    depth,
    position,
    person: { id, name, title: `${department} lead`, department, location, active: true },
  };
}

export function tie(
  type: GraphEdge['type'],
  source: string,
  target: string,
  strength = 3,
  kinds: GraphEdge['kinds'] = [],
): GraphEdge {
  return { type, source, target, strength, kinds };
}

/** Ego "me"; ann (your connection, and your manager too); bob (shared by ann); cy (depth 2); a community. */
export function fixtureEgoGraph(): EgoGraph {
  return {
    egoId: 'me',
    depth: 2,
    truncated: false,
    nodes: [
      person('me', 'Me Myself', 'Engineering', 'Lyon', 0, { x: 1, y: 2 }),
      person('ann', 'Ann & <Co> "Ärzte"', 'Engineering', 'Paris', 1),
      person('bob', 'Bob', 'Sales', 'Lyon', 1),
      person('cy', 'Cyrille Œuvré', 'Finance', 'Berlin', 2),
      person('dee', 'Dee', 'Sales', 'Paris', 1),
      {
        type: 'community',
        id: `community:${COMMUNITY_ID}`,
        communityId: COMMUNITY_ID,
        name: 'Platform Guild',
        kind: 'community_of_practice',
        memberCount: 12,
        position: null,
      },
    ],
    edges: [
      tie('connection', 'me', 'ann', 4, ['worked_with']),
      tie('reports_to', 'me', 'ann', 3),
      tie('connection', 'me', 'bob', 2, ['mentor']),
      tie('shared', 'ann', 'bob', 5, ['worked_with', 'mentor']),
      tie('shared', 'bob', 'cy', 1, ['worked_with']),
      tie('connection', 'me', 'dee', 1, ['mentee']),
      tie('member', 'me', `community:${COMMUNITY_ID}`, 2),
      tie('member', 'dee', `community:${COMMUNITY_ID}`, 2),
      tie('connection', 'me', 'ghost', 3, ['worked_with']),
    ],
  };
}
