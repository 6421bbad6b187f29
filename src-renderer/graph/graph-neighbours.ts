import type { EgoGraph, GraphNode, GraphPersonNode } from '#shared/domain/graph';
import type { PersonSummary } from '#shared/domain/person';

export function findGraphNode(ego: EgoGraph | undefined, id: string | null): GraphNode | null {
  if (!ego || id === null) return null;
  return ego.nodes.find((node) => node.id === id) ?? null;
}

/** The people you know (depth 1) who are tied to `id` in the graph: how a second-degree person reaches you. */
export function knownNeighbours(ego: EgoGraph, id: string): PersonSummary[] {
  const firstDegree = new Map<string, GraphPersonNode>();
  for (const node of ego.nodes)
    if (node.type === 'person' && node.depth === 1) firstDegree.set(node.id, node);
  const found = new Map<string, PersonSummary>();
  for (const edge of ego.edges) {
    if (edge.type === 'member') continue;
    const other = edge.source === id ? edge.target : edge.target === id ? edge.source : null;
    const node = other === null ? undefined : firstDegree.get(other);
    if (node) found.set(node.id, node.person);
  }
  return [...found.values()].sort((a, b) => a.name.localeCompare(b.name));
}
