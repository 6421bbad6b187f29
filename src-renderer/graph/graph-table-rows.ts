import type { GraphEdgeType, GraphNode } from '#shared/domain/graph';
import type { KithGraph } from './build-graph.ts';

export interface GraphTie {
  otherId: string;
  otherName: string;
  /** Every kind of tie between the two: a connection, a reporting line, a membership… */
  types: GraphEdgeType[];
  strength: number;
}

export interface GraphTableRow {
  id: string;
  node: GraphNode;
  /** 0 you, 1 first degree, 2 second degree; null for a community. */
  depth: 0 | 1 | 2 | null;
  cluster: number | null;
  degree: number;
  ties: GraphTie[];
}

const DEPTH_ORDER = (depth: GraphTableRow['depth']) => (depth === null ? 3 : depth);

/** Everything the (filtered) graph shows, as rows: you first, then by depth, then by name. */
export function buildGraphTableRows(
  graph: KithGraph,
  clusterOf: Readonly<Record<string, number>>,
): GraphTableRow[] {
  const rows: GraphTableRow[] = [];
  graph.forEachNode((id, attributes) => {
    const ties: GraphTie[] = [];
    graph.forEachEdge(id, (_edge, edge, source, target) => {
      const otherId = source === id ? target : source;
      ties.push({
        otherId,
        otherName: graph.getNodeAttribute(otherId, 'label'),
        types: [...new Set(edge.ties.map((tie) => tie.type))],
        strength: edge.strength,
      });
    });
    ties.sort((a, b) => b.strength - a.strength || a.otherName.localeCompare(b.otherName));
    rows.push({
      id,
      node: attributes.node,
      depth: attributes.depth,
      cluster: clusterOf[id] ?? null,
      degree: graph.degree(id),
      ties,
    });
  });
  return rows.sort(
    (a, b) => DEPTH_ORDER(a.depth) - DEPTH_ORDER(b.depth) || nameOf(a.node).localeCompare(nameOf(b.node)),
  );
}

function nameOf(node: GraphNode): string {
  return node.type === 'person' ? node.person.name : node.name;
}

export const TIE_TYPE_LABELS: Record<GraphEdgeType, string> = {
  connection: 'your connection',
  shared: 'shared connection',
  reports_to: 'reporting line',
  member: 'member',
};

/** "Ana Lima (your connection, 4/5)" — one tie as it reads in a list. */
export function describeGraphTie(tie: GraphTie): string {
  const types = tie.types.map((type) => TIE_TYPE_LABELS[type]).join(', ');
  const strong = tie.types.some((type) => type === 'connection' || type === 'shared');
  return `${tie.otherName} (${types}${strong ? `, ${tie.strength}/5` : ''})`;
}
