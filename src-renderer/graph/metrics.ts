/**
 * Centrality for node sizes: degree and betweenness (graphology-metrics), each normalised to [0, 1] by its
 * maximum so "size by" can switch measures without changing the size range. Betweenness counts hops (it is
 * unweighted: a strength is a closeness, not a distance) and costs O(nodes × edges): compute it only when
 * sizing by it, off the main thread for large graphs.
 */
import betweennessCentrality from 'graphology-metrics/centrality/betweenness.js';
import { degreeCentrality } from 'graphology-metrics/centrality/degree.js';
import type { KithGraph } from './build-graph.ts';
import type { SizeBy } from './graph-controls.ts';

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

/** Betweenness (share of shortest paths through a node), normalised. */
export function computeBetweenness(graph: KithGraph): NodeScores {
  if (graph.order === 0) return {};
  return normalizeScores(betweennessCentrality(graph, { getEdgeWeight: null }));
}

export function computeSizeScores(graph: KithGraph, sizeBy: SizeBy): NodeScores {
  return sizeBy === 'degree' ? computeDegree(graph) : computeBetweenness(graph);
}
