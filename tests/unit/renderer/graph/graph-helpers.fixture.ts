import type { EgoGraph } from '#shared/domain/graph';

const person = (id: string, name: string, department: string, location: string, depth: 0 | 1 | 2) => ({
  type: 'person' as const,
  id,
  person: { id, name, title: 'Engineer', department, location, active: true },
  depth,
  position: null,
});

/** Me; Ana and Bo whom I know; Cy whom Ana knows; a community Ana and I are in. */
export const EGO: EgoGraph = {
  egoId: 'me',
  depth: 2,
  truncated: false,
  nodes: [
    person('me', 'Me Myself', 'R&D', 'Lyon', 0),
    person('ana', 'Ana Lima', 'Finance', 'Paris', 1),
    person('bo', 'Bo Chen', 'R&D', 'Lyon', 1),
    person('cy', 'Cy Dar', 'Legal', 'Berlin', 2),
    {
      type: 'community',
      id: 'community:c1',
      communityId: 'c1',
      name: 'Platform Guild',
      kind: 'community_of_practice',
      memberCount: 40,
      position: null,
    },
  ],
  edges: [
    { type: 'connection', source: 'me', target: 'ana', strength: 4, kinds: ['worked_with'] },
    { type: 'connection', source: 'me', target: 'bo', strength: 2, kinds: ['met_at_event'] },
    { type: 'reports_to', source: 'bo', target: 'me', strength: 3, kinds: [] },
    { type: 'shared', source: 'ana', target: 'cy', strength: 5, kinds: ['mentor'] },
    { type: 'member', source: 'me', target: 'community:c1', strength: 2, kinds: [] },
    { type: 'member', source: 'ana', target: 'community:c1', strength: 2, kinds: [] },
  ],
};
