import { CONNECTION_KINDS, type ConnectionKind } from '#shared/domain/connection';
import type { EgoGraph } from '#shared/domain/graph';

export interface GraphFilterOptions {
  departments: string[];
  locations: string[];
  communities: { value: string; label: string }[];
  kinds: ConnectionKind[];
}

/** The filters' choices, from the graph's own nodes and ties: nothing that would empty the graph. */
export function graphFilterOptions(ego: EgoGraph | undefined): GraphFilterOptions {
  const departments = new Set<string>();
  const locations = new Set<string>();
  const communities = new Map<string, string>();
  const kinds = new Set<ConnectionKind>();
  for (const node of ego?.nodes ?? []) {
    if (node.type === 'person') {
      if (node.depth === 0) continue;
      if (node.person.department) departments.add(node.person.department);
      if (node.person.location) locations.add(node.person.location);
    } else communities.set(node.communityId, node.name);
  }
  for (const edge of ego?.edges ?? []) for (const kind of edge.kinds) kinds.add(kind);
  const sorted = (values: Set<string>) => [...values].sort((a, b) => a.localeCompare(b));
  return {
    departments: sorted(departments),
    locations: sorted(locations),
    communities: [...communities]
      .map(([value, label]) => ({ value, label }))
      .sort((a, b) => a.label.localeCompare(b.label)),
    kinds: CONNECTION_KINDS.filter((kind) => kinds.has(kind)),
  };
}
