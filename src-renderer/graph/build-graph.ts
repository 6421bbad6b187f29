/**
 * EgoGraph (the contract's DTO) → a graphology Graph: undirected and simple. Several ties between one pair
 * (your connection and a reporting line, say) become ONE edge that keeps every tie, so metrics, clusters and
 * layouts see one link per pair while the side panel can still say how two people know each other.
 */
import Graph from 'graphology';
import type { EgoGraph, GraphDepth, GraphEdge, GraphNode } from '#shared/domain/graph';

export interface KithNodeAttributes {
  /** The DTO node as received: the person summary or the community's info. */
  node: GraphNode;
  label: string;
  /** 0 you, 1 someone you know, 2 someone they know; null for community nodes. */
  depth: 0 | 1 | 2 | null;
  /** From the cached position, when there is one. */
  x?: number;
  y?: number;
}

export interface KithEdgeAttributes {
  /** Every tie joining the pair, in the order the DTO listed them. */
  ties: GraphEdge[];
  /** The strongest tie's strength (1–5). */
  strength: number;
}

export interface KithGraphAttributes {
  egoId: string;
  depth: GraphDepth;
  truncated: boolean;
}

export type KithGraph = Graph<KithNodeAttributes, KithEdgeAttributes, KithGraphAttributes>;

/** The edge key of a pair, whichever way round the ties point. */
export function pairKey(a: string, b: string): string {
  return a < b ? `${a}|${b}` : `${b}|${a}`;
}

export function nodeLabel(node: GraphNode): string {
  return node.type === 'person' ? node.person.name : node.name;
}

export function createKithGraph(attributes: KithGraphAttributes): KithGraph {
  const graph = new Graph<KithNodeAttributes, KithEdgeAttributes, KithGraphAttributes>({
    type: 'undirected',
    multi: false,
    allowSelfLoops: false,
  });
  graph.replaceAttributes(attributes);
  return graph;
}

/** Ties to unknown nodes and self-ties are skipped (the server should not send them; a stale cache might). */
export function buildGraph(ego: EgoGraph): KithGraph {
  const graph = createKithGraph({ egoId: ego.egoId, depth: ego.depth, truncated: ego.truncated });
  for (const node of ego.nodes) {
    if (graph.hasNode(node.id)) continue;
    const attributes: KithNodeAttributes = {
      node,
      label: nodeLabel(node),
      depth: node.type === 'person' ? node.depth : null,
    };
    if (node.position) {
      attributes.x = node.position.x;
      attributes.y = node.position.y;
    }
    graph.addNode(node.id, attributes);
  }
  for (const tie of ego.edges) {
    if (tie.source === tie.target || !graph.hasNode(tie.source) || !graph.hasNode(tie.target)) continue;
    const key = pairKey(tie.source, tie.target);
    if (graph.hasEdge(key)) {
      graph.updateEdgeAttributes(key, (attributes) => ({
        ties: [...attributes.ties, tie],
        strength: Math.max(attributes.strength, tie.strength),
      }));
    } else {
      graph.addEdgeWithKey(key, tie.source, tie.target, { ties: [tie], strength: tie.strength });
    }
  }
  return graph;
}
