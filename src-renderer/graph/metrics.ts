/**
 * Centrality for node sizes: degree and betweenness (graphology-metrics), each normalised to [0, 1] by its
 * maximum so "size by" can switch measures without changing the size range. Betweenness counts hops (it is
 * unweighted: a strength is a closeness, not a distance) and costs O(nodes × edges), ~0.9 s for 1,500 people
 * and 6,000 ties: metrics.worker.ts computes it off the main thread (use-size-scores.ts).
 */
import Graph from 'graphology';
import betweennessCentrality from 'graphology-metrics/centrality/betweenness.js';
import { degreeCentrality } from 'graphology-metrics/centrality/degree.js';
import type { KithGraph } from './build-graph.ts';

export type NodeScores = Record<string, number>;

/** Divides by the maximum; all zeros (or an empty graph) stay zero. */
export function normalizeScores(scores: NodeScores): NodeScores {
  let max = 0;
  for (const value of Object.values(scores)) if (value > max) max = value;
  const out: NodeScores = {};
  for (const [node, value] of Object.entries(scores)) out[node] = max > 0 ? value / max : 0;
  return out;
}

/** Degree (number of neighbours), normalised. */
export function computeDegree(graph: KithGraph): NodeScores {
  if (graph.order === 0) return {};
  return normalizeScores(degreeCentrality(graph));
}

/** What a worker needs of a graph to measure it: who is tied to whom, nothing else. */
export interface TopologyInput {
  nodes: string[];
  edges: [string, string][];
}

export function toTopologyInput(graph: KithGraph): TopologyInput {
  return { nodes: graph.nodes(), edges: graph.mapEdges((_edge, _attrs, source, target) => [source, target]) };
}

/** Betweenness (share of shortest paths through a node), normalised. */
export function computeBetweenness({ nodes, edges }: TopologyInput): NodeScores {
  if (nodes.length === 0) return {};
  const graph = new Graph({ type: 'undirected' });
  for (const node of nodes) graph.addNode(node);
  for (const [source, target] of edges) graph.mergeEdge(source, target);
  return normalizeScores(betweennessCentrality(graph, { getEdgeWeight: null }));
}
