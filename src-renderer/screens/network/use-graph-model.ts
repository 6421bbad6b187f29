import { useComputedColorScheme } from '@mantine/core';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { EgoGraph } from '#shared/domain/graph';
import { deriveAppearance, NODE_SIZE, type LegendEntry, type RenderGraph } from '../../graph/appearance.ts';
import { buildGraph, createKithGraph, type KithGraph } from '../../graph/build-graph.ts';
import { detectClusters, type Clusters } from '../../graph/clusters.ts';
import { filterGraph } from '../../graph/filter-graph.ts';
import { DEFAULT_GRAPH_CONTROLS, type GraphControls } from '../../graph/graph-controls.ts';
import type { NodeScores } from '../../graph/metrics.ts';
import { useLayout, type LayoutPositions, type LayoutState } from './use-layout.ts';
import { useSizeScores, type MetricsState } from './use-size-scores.ts';
import { useSaveLayout } from './use-graph.ts';

export interface GraphModel {
  /** Everything the core sent, as a graph. */
  full: KithGraph;
  /** What the controls leave visible: what the list shows and the exports write. */
  visible: KithGraph;
  clusters: Clusters;
  /** What sigma draws. */
  render: RenderGraph;
  legend: LegendEntry[];
  layoutState: LayoutState;
  /** Betweenness is measured in a worker: 'running' until it answers (sizes follow degree meanwhile). */
  metricsState: MetricsState;
  /** Lays the visible graph out afresh, ignoring every position (after graph.clearLayout). */
  relayout: () => void;
}

const EMPTY = createKithGraph({ egoId: '', depth: 1, truncated: false });

/**
 * EgoGraph + controls → build → filter → clusters and sizes → layout (in a worker) → the render graph.
 * Each layout starts from where the nodes are on screen, so a filter or depth change moves little.
 */
export function useGraphModel(ego: EgoGraph | undefined, controls: GraphControls): GraphModel {
  const colorScheme = useComputedColorScheme('light');
  const full = useMemo(() => (ego ? buildGraph(ego) : EMPTY), [ego]);
  // Colour and size do not change which nodes show: changing them must not lay the graph out again.
  const { depth, showCommunities, filters } = controls;
  const visible = useMemo(
    () => filterGraph(full, { ...DEFAULT_GRAPH_CONTROLS, depth, showCommunities, filters }),
    [full, depth, showCommunities, filters],
  );
  const clusters = useMemo(() => detectClusters(visible), [visible]);
  const { scores, state: metricsState } = useSizeScores(visible, controls.sizeBy);
  const sizes = useMemo(() => sizesOf(scores), [scores]);

  const [seed, setSeed] = useState(() => ({ visible, graph: seedGraph(visible, null) }));
  const layout = useLayout(seed.graph, { sizes });
  // A new visible graph (a filter, the depth) is laid out from where its nodes are on screen: little moves.
  if (seed.visible !== visible) setSeed({ visible, graph: seedGraph(visible, layout.positions) });
  const drawn = seed.visible === visible && seed.graph ? seed.graph : visible;

  const appearance = useMemo(
    () =>
      deriveAppearance({
        graph: drawn,
        controls,
        clusters,
        scores,
        positions: layout.positions ?? undefined,
        colorScheme,
      }),
    [drawn, controls, clusters, scores, layout.positions, colorScheme],
  );
  // A layout given back as it was saved (no iteration ran) needs no saving again.
  useSaveFinishedLayout(layout.state === 'done' && layout.iterations > 0 ? layout.positions : null);
  return {
    full,
    visible,
    clusters,
    render: appearance.graph,
    legend: appearance.legend,
    layoutState: layout.state,
    metricsState,
    relayout: layout.rerun,
  };
}

/** Sigma sizes from normalised scores, so noverlap keeps the discs apart as drawn. */
function sizesOf(scores: NodeScores): Record<string, number> {
  const sizes: Record<string, number> = {};
  for (const [id, score] of Object.entries(scores))
    sizes[id] = NODE_SIZE.min + (NODE_SIZE.max - NODE_SIZE.min) * score;
  return sizes;
}

/**
 * What the layout worker gets: a copy (a new object starts a new layout) whose nodes start where they are on
 * screen, else where the core last saved them; null when there is nothing to lay out.
 */
function seedGraph(graph: KithGraph, positions: LayoutPositions | null): KithGraph | null {
  if (graph.order < 2) return null;
  const out = graph.copy() as KithGraph;
  out.forEachNode((id) => {
    const at = positions?.[id];
    if (at) out.mergeNodeAttributes(id, { x: at.x, y: at.y });
  });
  return out;
}

/** Once a layout finishes, the core remembers it: reopening the graph is instant. */
function useSaveFinishedLayout(positions: LayoutPositions | null): void {
  const { mutate: save } = useSaveLayout();
  const saved = useRef<LayoutPositions | null>(null);
  useEffect(() => {
    if (!positions || saved.current === positions) return;
    saved.current = positions;
    const list = Object.entries(positions).map(([id, { x, y }]) => ({ id, x, y }));
    if (list.length) save(list);
  }, [positions, save]);
}
