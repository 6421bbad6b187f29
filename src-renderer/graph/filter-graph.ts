/**
 * (full graph, controls) → the visible subgraph. Pure: the full graph is never mutated; node attribute
 * objects are shared, edge attributes are new when a filter dropped some of an edge's ties.
 *
 * Rules, in order:
 * - depth 1 hides people at depth 2 (a depth-2 graph can be shown at depth 1 without a refetch);
 * - department / location keep the people who match; community keeps the members of that community (a
 *   `member` tie to `community:<id>`) and, of the community nodes, that one only; you (the ego) always stay;
 * - showCommunities=false drops community nodes (and so their `member` ties);
 * - kind keeps connection/shared ties that carry that kind; reporting lines and memberships have no kind, so a
 *   kind filter hides them;
 * - minStrength applies to every tie, reporting lines and memberships included (they carry the strength
 *   introduction paths assume for them), so "strong ties only" means the same thing for all of them;
 * - an edge stays while one of its ties passes; its strength is the strongest remaining tie;
 * - last, nodes other than the ego left without an edge are dropped.
 */
import type { GraphEdge } from '#shared/domain/graph';
import { createKithGraph, type KithGraph, type KithNodeAttributes } from './build-graph.ts';
import { normalizeFilters, type GraphControls, type GraphFilters } from './graph-controls.ts';

export function communityNodeId(communityId: string): string {
  return `community:${communityId}`;
}

export function keepsTie(tie: GraphEdge, filters: GraphFilters): boolean {
  if (filters.kind !== undefined && !tie.kinds.includes(filters.kind)) return false;
  if (filters.minStrength !== undefined && tie.strength < filters.minStrength) return false;
  return true;
}

function keepsNode(
  id: string,
  attributes: KithNodeAttributes,
  controls: GraphControls,
  filters: GraphFilters,
  members: Set<string> | null,
  egoId: string,
): boolean {
  if (id === egoId) return true;
  const { node } = attributes;
  if (node.type === 'community') {
    if (!controls.showCommunities) return false;
    return filters.communityId === undefined || node.communityId === filters.communityId;
  }
  if (controls.depth === 1 && node.depth === 2) return false;
  if (filters.department !== undefined && node.person.department !== filters.department) return false;
  if (filters.location !== undefined && node.person.location !== filters.location) return false;
  if (members && !members.has(id)) return false;
  return true;
}

/** The people with a `member` tie to the community (its node's neighbours joined by a membership). */
function membersOf(graph: KithGraph, communityId: string): Set<string> {
  const members = new Set<string>();
  const id = communityNodeId(communityId);
  if (!graph.hasNode(id)) return members;
  graph.forEachEdge(id, (_edge, attributes, source, target) => {
    if (attributes.ties.some((tie) => tie.type === 'member')) members.add(source === id ? target : source);
  });
  return members;
}

export function filterGraph(full: KithGraph, controls: GraphControls): KithGraph {
  const filters = normalizeFilters(controls.filters);
  const egoId = full.getAttribute('egoId');
  const members = filters.communityId !== undefined ? membersOf(full, filters.communityId) : null;
  const out = createKithGraph({ ...full.getAttributes() });
  full.forEachNode((id, attributes) => {
    if (keepsNode(id, attributes, controls, filters, members, egoId)) out.addNode(id, attributes);
  });
  const filtersTies = filters.kind !== undefined || filters.minStrength !== undefined;
  full.forEachEdge((edge, attributes, source, target) => {
    if (!out.hasNode(source) || !out.hasNode(target)) return;
    if (!filtersTies) {
      out.addEdgeWithKey(edge, source, target, attributes);
      return;
    }
    const ties = attributes.ties.filter((tie) => keepsTie(tie, filters));
    if (ties.length === 0) return;
    const strength = Math.max(...ties.map((tie) => tie.strength));
    out.addEdgeWithKey(
      edge,
      source,
      target,
      ties.length === attributes.ties.length ? attributes : { ties, strength },
    );
  });
  // Dropping an isolated node removes no edge, so one pass leaves no new isolated node behind.
  for (const id of out.nodes()) if (id !== egoId && out.degree(id) === 0) out.dropNode(id);
  return out;
}
