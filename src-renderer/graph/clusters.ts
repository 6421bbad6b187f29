/**
 * Clusters for "colour by cluster": Louvain (graphology-communities-louvain) with a seeded PRNG, so the same
 * graph and seed always give the same partition. Cluster numbers are relabelled by size (0 = the largest,
 * ties by first member id) so colours do not shuffle between runs that find the same groups.
 */
import louvain from 'graphology-communities-louvain';
import type { KithGraph } from './build-graph.ts';
import { createKithGraph } from './build-graph.ts';
import { createMulberry32 } from './prng.ts';

export interface ClusterOptions {
  seed?: number;
  /** Louvain's resolution: above 1, more and smaller clusters. */
  resolution?: number;
  /** Community nodes join everyone in them and would glue clusters together: left out unless asked. */
  includeCommunityNodes?: boolean;
}

export interface Clusters {
  /** Node id → cluster number; community nodes are absent unless included. */
  byNode: Record<string, number>;
  count: number;
  modularity: number;
}

export const DEFAULT_CLUSTER_SEED = 42;

function peopleOnly(graph: KithGraph): KithGraph {
  const out = createKithGraph({ ...graph.getAttributes() });
  graph.forEachNode((id, attributes) => {
    if (attributes.node.type === 'person') out.addNode(id, attributes);
  });
  graph.forEachEdge((edge, attributes, source, target) => {
    if (out.hasNode(source) && out.hasNode(target)) out.addEdgeWithKey(edge, source, target, attributes);
  });
  return out;
}

function relabelBySize(raw: Record<string, number>): Record<string, number> {
  const groups = new Map<number, string[]>();
  for (const [node, cluster] of Object.entries(raw)) {
    const members = groups.get(cluster);
    if (members) members.push(node);
    else groups.set(cluster, [node]);
  }
  const ordered = [...groups.values()]
    .map((members) => members.sort())
    .sort((a, b) => b.length - a.length || ((a[0] ?? '') < (b[0] ?? '') ? -1 : 1));
  const byNode: Record<string, number> = {};
  ordered.forEach((members, index) => {
    for (const node of members) byNode[node] = index;
  });
  return byNode;
}

export function detectClusters(graph: KithGraph, options: ClusterOptions = {}): Clusters {
  const target = options.includeCommunityNodes ? graph : peopleOnly(graph);
  if (target.size === 0) {
    const byNode = relabelBySize(Object.fromEntries(target.nodes().map((node, i) => [node, i])));
    return { byNode, count: target.order, modularity: 0 };
  }
  const result = louvain.detailed(target, {
    getEdgeWeight: 'strength',
    resolution: options.resolution ?? 1,
    rng: createMulberry32(options.seed ?? DEFAULT_CLUSTER_SEED),
  });
  return { byNode: relabelBySize(result.communities), count: result.count, modularity: result.modularity };
}
