/**
 * The graph layout: ForceAtlas2 (graphology-layout-forceatlas2, inferSettings, Barnes–Hut above 1,000 nodes)
 * run in chunks until it converges, then noverlap. Pure and deterministic for a seed; runs in the layout web
 * worker, in Node worker_threads (benchmarks) and in vitest.
 *
 * Convergence, honestly defined: after each chunk, the mean displacement of a node per iteration over the
 * chunk, divided by the layout's extent (the larger side of its bounding box), is below `tolerance`. Capped
 * at `maxIterations`; `converged` says which of the two stopped it.
 *
 * Start positions: nodes with a position keep it; a new node starts near a placed neighbour (breadth-first
 * from the placed ones, a seeded jitter around it); the rest start seeded-random in the placed extent.
 */
import Graph from 'graphology';
import forceAtlas2, { type ForceAtlas2Settings } from 'graphology-layout-forceatlas2';
import noverlap from 'graphology-layout-noverlap';
import type { KithGraph } from './build-graph.ts';
import { createMulberry32 } from './prng.ts';

/** Serializable: what a worker receives. */
export interface LayoutInput {
  nodes: { id: string; x?: number; y?: number; size?: number }[];
  /** [source, target, weight]; weight is the tie strength (1–5). */
  edges: [string, string, number][];
}

export interface LayoutOptions {
  seed?: number;
  /** Iterations per chunk, between two convergence checks. */
  chunk?: number;
  maxIterations?: number;
  /** Mean displacement per iteration, as a fraction of the extent, under which the layout has converged. */
  tolerance?: number;
  /** Run noverlap after ForceAtlas2 (default true). */
  noverlap?: boolean;
  /** The on-screen width the graph is fitted to, in pixels: turns sigma node sizes into layout units. */
  viewportPx?: number;
  /** Called after each chunk (a worker posts progress from it). */
  onChunk?: (progress: { iterations: number; displacement: number }) => void;
}

export interface LayoutResult {
  positions: Record<string, { x: number; y: number }>;
  iterations: number;
  converged: boolean;
  /** The last chunk's mean displacement per iteration / extent. */
  displacement: number;
  /** Nodes that started from a cached position. */
  kept: number;
}

export const LAYOUT_DEFAULTS = {
  seed: 1,
  chunk: 20,
  maxIterations: 1000,
  tolerance: 0.0015,
  viewportPx: 1000,
} as const;

/** Barnes–Hut pays off past this many nodes. */
export const BARNES_HUT_THRESHOLD = 1000;

type LayoutGraph = Graph<{ x: number; y: number; size: number; placed: boolean }, { weight: number }>;

/** A KithGraph (or any of its subgraphs) as a worker message: ids, cached positions, sizes, strengths. */
export function toLayoutInput(graph: KithGraph, sizes?: Readonly<Record<string, number>>): LayoutInput {
  const nodes: LayoutInput['nodes'] = [];
  graph.forEachNode((id, attributes) => {
    const node: LayoutInput['nodes'][number] = { id };
    if (attributes.x !== undefined && attributes.y !== undefined) {
      node.x = attributes.x;
      node.y = attributes.y;
    }
    const size = sizes?.[id];
    if (size !== undefined) node.size = size;
    nodes.push(node);
  });
  const edges: LayoutInput['edges'] = [];
  graph.forEachEdge((_edge, attributes, source, target) => {
    edges.push([source, target, attributes.strength]);
  });
  return { nodes, edges };
}

export function extentOf(graph: LayoutGraph): number {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  graph.forEachNode((_id, { x, y }) => {
    if (x < minX) minX = x;
    if (x > maxX) maxX = x;
    if (y < minY) minY = y;
    if (y > maxY) maxY = y;
  });
  return graph.order === 0 ? 0 : Math.max(maxX - minX, maxY - minY);
}

function boundsOfPlaced(graph: LayoutGraph): { cx: number; cy: number; span: number } | null {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  graph.forEachNode((_id, { x, y, placed }) => {
    if (!placed) return;
    minX = Math.min(minX, x);
    maxX = Math.max(maxX, x);
    minY = Math.min(minY, y);
    maxY = Math.max(maxY, y);
  });
  if (minX === Infinity) return null;
  return { cx: (minX + maxX) / 2, cy: (minY + maxY) / 2, span: Math.max(maxX - minX, maxY - minY) };
}

/** Gives every unplaced node a start; returns how many were placed already. */
function placeStart(graph: LayoutGraph, seed: number): number {
  const random = createMulberry32(seed);
  const bounds = boundsOfPlaced(graph);
  // Room for every node: FA2's natural spacing is a few units per node.
  const span = Math.max(bounds?.span ?? 0, 10 * Math.sqrt(graph.order), 1);
  const center = bounds ?? { cx: 0, cy: 0 };
  const scatter = (id: string) =>
    graph.mergeNodeAttributes(id, {
      x: center.cx + (random() - 0.5) * span,
      y: center.cy + (random() - 0.5) * span,
    });
  if (!bounds) {
    graph.forEachNode((id) => scatter(id));
    return 0;
  }
  let kept = 0;
  const jitter = Math.max(span / Math.sqrt(graph.order), 1e-3);
  const queue: string[] = [];
  const done = new Set<string>();
  graph.forEachNode((id, { placed }) => {
    if (!placed) return;
    kept++;
    done.add(id);
    queue.push(id);
  });
  // Breadth-first from the placed nodes: each new node starts around the neighbour that reached it.
  for (const from of queue) {
    const { x, y } = graph.getNodeAttributes(from);
    graph.forEachNeighbor(from, (id) => {
      if (done.has(id)) return;
      const angle = random() * 2 * Math.PI;
      const radius = jitter * (0.5 + random());
      graph.mergeNodeAttributes(id, { x: x + radius * Math.cos(angle), y: y + radius * Math.sin(angle) });
      done.add(id);
      queue.push(id);
    });
  }
  graph.forEachNode((id) => {
    if (!done.has(id)) scatter(id);
  });
  return kept;
}

/** inferSettings, with Barnes–Hut past the threshold at Gephi's theta (1.2: about 3× faster than 0.5 here). */
export function layoutSettings(order: number): ForceAtlas2Settings {
  const barnesHut = order > BARNES_HUT_THRESHOLD;
  return {
    ...forceAtlas2.inferSettings(order),
    barnesHutOptimize: barnesHut,
    barnesHutTheta: barnesHut ? 1.2 : 0.5,
  };
}

function snapshot(graph: LayoutGraph, into: Float64Array): void {
  let i = 0;
  graph.forEachNode((_id, { x, y }) => {
    into[i++] = x;
    into[i++] = y;
  });
}

function meanDisplacement(graph: LayoutGraph, before: Float64Array): number {
  let total = 0;
  let i = 0;
  graph.forEachNode((_id, { x, y }) => {
    total += Math.hypot(x - (before[i] ?? x), y - (before[i + 1] ?? y));
    i += 2;
  });
  return graph.order === 0 ? 0 : total / graph.order;
}

/** noverlap jitters nodes on the very same spot with Math.random: separate them first, seeded. */
function separateCoincident(graph: LayoutGraph, seed: number): void {
  const random = createMulberry32(seed ^ 0x9e3779b9);
  const seen = new Set<string>();
  const nudge = Math.max(extentOf(graph), 1) * 1e-4;
  graph.forEachNode((id, { x, y }) => {
    let key = `${x},${y}`;
    while (seen.has(key)) {
      graph.mergeNodeAttributes(id, { x: x + (random() - 0.5) * nudge, y: y + (random() - 0.5) * nudge });
      const moved = graph.getNodeAttributes(id);
      key = `${moved.x},${moved.y}`;
    }
    seen.add(key);
  });
}

export function runLayout(input: LayoutInput, options: LayoutOptions = {}): LayoutResult {
  const seed = options.seed ?? LAYOUT_DEFAULTS.seed;
  const chunk = Math.max(1, options.chunk ?? LAYOUT_DEFAULTS.chunk);
  const maxIterations = options.maxIterations ?? LAYOUT_DEFAULTS.maxIterations;
  const tolerance = options.tolerance ?? LAYOUT_DEFAULTS.tolerance;

  const graph: LayoutGraph = new Graph({ type: 'undirected', multi: false, allowSelfLoops: false });
  for (const node of input.nodes) {
    if (graph.hasNode(node.id)) continue;
    const { x, y } = node;
    const placed = x !== undefined && y !== undefined && Number.isFinite(x) && Number.isFinite(y);
    graph.addNode(node.id, { x: placed ? x : 0, y: placed ? y : 0, size: node.size ?? 5, placed });
  }
  for (const [source, target, weight] of input.edges) {
    if (source === target || !graph.hasNode(source) || !graph.hasNode(target)) continue;
    if (!graph.hasEdge(source, target)) graph.addEdge(source, target, { weight });
  }
  const kept = placeStart(graph, seed);

  let iterations = 0;
  let converged = graph.order < 2;
  let displacement = 0;
  if (graph.size > 0 || graph.order > 1) {
    const settings = layoutSettings(graph.order);
    const before = new Float64Array(graph.order * 2);
    while (iterations < maxIterations) {
      const step = Math.min(chunk, maxIterations - iterations);
      snapshot(graph, before);
      forceAtlas2.assign(graph, { iterations: step, settings, getEdgeWeight: 'weight' });
      iterations += step;
      displacement = meanDisplacement(graph, before) / step / Math.max(extentOf(graph), 1e-9);
      options.onChunk?.({ iterations, displacement });
      if (displacement < tolerance) {
        converged = true;
        break;
      }
    }
  }

  if (options.noverlap !== false && graph.order > 1) {
    separateCoincident(graph, seed);
    // Sigma fits the extent to the viewport: a node of s pixels covers s × extent / viewport layout units.
    const unit = extentOf(graph) / (options.viewportPx ?? LAYOUT_DEFAULTS.viewportPx);
    // A finer grid costs more than it saves on large graphs: about √n cells a side, fewer passes past BH size.
    noverlap.assign(graph, {
      maxIterations: graph.order > BARNES_HUT_THRESHOLD ? 20 : 50,
      inputReducer: (_key, attributes) => ({ ...attributes, size: (attributes.size ?? 5) * unit }),
      settings: {
        margin: 2 * unit,
        ratio: 1,
        speed: 3,
        gridSize: Math.max(20, Math.round(Math.sqrt(graph.order))),
      },
    });
  }

  const positions: LayoutResult['positions'] = {};
  graph.forEachNode((id, { x, y }) => {
    positions[id] = { x, y };
  });
  return { positions, iterations, converged, displacement, kept };
}

/** Runs the layout on a KithGraph in the calling thread (tests, small graphs). */
export function layoutGraph(
  graph: KithGraph,
  options: LayoutOptions & { sizes?: Readonly<Record<string, number>> } = {},
): LayoutResult {
  return runLayout(toLayoutInput(graph, options.sizes), options);
}
