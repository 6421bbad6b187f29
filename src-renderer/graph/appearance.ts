/**
 * What sigma draws, derived (the Gephi Lite habit): the visible graph + controls + clusters + centrality +
 * layout positions → a render graph with x, y, size, colour, label and program type per node, and size and
 * colour per edge. Nothing here mutates its inputs; a change of any input means deriving again.
 */
import Graph from 'graphology';
import type { GraphEdgeType, GraphNode } from '#shared/domain/graph';
import type { KithGraph } from './build-graph.ts';
import type { Clusters } from './clusters.ts';
import type { ColorBy, GraphControls } from './graph-controls.ts';
import type { NodeScores } from './metrics.ts';
import { createMulberry32, hashString } from './prng.ts';

/**
 * One fixed categorical palette (after Tableau 10, purple left for community nodes): mid-luminance fills that
 * read on a white and on a near-black background alike.
 */
export const CATEGORY_PALETTE = [
  '#4e79a7',
  '#f28e2b',
  '#e15759',
  '#59a14f',
  '#76b7b2',
  '#edc948',
  '#ff9da7',
  '#9c755f',
  '#2f9bd8',
  '#c44e8a',
  '#8cb83c',
] as const;
/** Values past the palette's length share one neutral grey ("other"). */
export const OTHER_COLOR = '#9aa0a6';
export const COMMUNITY_COLOR = '#7d5fd3';
export const UNKNOWN_LABEL = 'Unknown';

export type ColorScheme = 'light' | 'dark';

/** Per tie type; a pair with several ties takes the colour of its closest one (connection first). */
const EDGE_COLORS: Record<ColorScheme, Record<GraphEdgeType, string>> = {
  light: { connection: '#7b8494', shared: '#b3bac5', reports_to: '#cfd4db', member: '#cbbff0' },
  dark: { connection: '#9aa3b2', shared: '#6b7380', reports_to: '#50565f', member: '#5b4c8f' },
};
const EDGE_TYPE_PRIORITY: readonly GraphEdgeType[] = ['connection', 'shared', 'reports_to', 'member'];

export interface RenderNodeAttributes {
  x: number;
  y: number;
  size: number;
  color: string;
  label: string;
  /** The sigma node program: people are discs, communities squares. */
  type: 'circle' | 'square';
  zIndex: number;
  forceLabel: boolean;
  /** The DTO node, for the side panel, the keyboard announcements and exports. */
  node: GraphNode;
  isEgo: boolean;
  /** The colour's category (department, site or "Cluster n"). */
  category: string;
  cluster: number | null;
}

export interface RenderEdgeAttributes {
  size: number;
  color: string;
  /** The tie type that chose the colour. */
  tieType: GraphEdgeType;
  types: GraphEdgeType[];
  strength: number;
  kinds: string[];
  zIndex: number;
}

export type RenderGraph = Graph<RenderNodeAttributes, RenderEdgeAttributes>;

export interface LegendEntry {
  category: string;
  color: string;
  count: number;
}

export interface AppearanceInput {
  graph: KithGraph;
  controls: Pick<GraphControls, 'colorBy'>;
  clusters?: Clusters | null;
  /** Normalised [0, 1] scores of the size measure (see metrics.ts); missing nodes get the smallest size. */
  scores?: NodeScores;
  /** Layout output; else a node's own x/y; else a seeded spot on a spiral. */
  positions?: Readonly<Record<string, { x: number; y: number }>>;
  colorScheme?: ColorScheme;
}

export interface Appearance {
  graph: RenderGraph;
  legend: LegendEntry[];
}

export const NODE_SIZE = { min: 3, max: 12, ego: 15, communityMin: 7, communityMax: 13 } as const;

function categoryOf(node: GraphNode, colorBy: ColorBy, cluster: number | null): string {
  if (node.type === 'community') return 'Community';
  if (colorBy === 'cluster') return cluster === null ? UNKNOWN_LABEL : `Cluster ${cluster + 1}`;
  const value = colorBy === 'department' ? node.person.department : node.person.location;
  return value.trim() === '' ? UNKNOWN_LABEL : value;
}

/** Categories by count (then name): the most common get palette colours in order, the tail shares grey. */
export function assignCategoryColors(counts: ReadonlyMap<string, number>): LegendEntry[] {
  const sorted = [...counts.entries()]
    .filter(([category]) => category !== 'Community')
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  return sorted.map(([category, count], index) => ({
    category,
    count,
    color: category === UNKNOWN_LABEL ? OTHER_COLOR : (CATEGORY_PALETTE[index] ?? OTHER_COLOR),
  }));
}

export function edgeSize(strength: number): number {
  return 0.5 + Math.min(5, Math.max(1, strength)) * 0.5;
}

/** A stable spot for a node never laid out: on a golden-angle spiral, jittered by its id. */
function fallbackPosition(id: string, index: number): { x: number; y: number } {
  const random = createMulberry32(hashString(id));
  const angle = index * 2.399963 + random() * 0.1;
  const radius = 10 * Math.sqrt(index + 1);
  return { x: radius * Math.cos(angle), y: radius * Math.sin(angle) };
}

export function deriveAppearance(input: AppearanceInput): Appearance {
  const { graph, controls, clusters = null, scores = {}, positions = {}, colorScheme = 'light' } = input;
  const egoId = graph.getAttribute('egoId');
  const categories = new Map<string, string>();
  const counts = new Map<string, number>();
  graph.forEachNode((id, attributes) => {
    const category = categoryOf(attributes.node, controls.colorBy, clusters?.byNode[id] ?? null);
    categories.set(id, category);
    counts.set(category, (counts.get(category) ?? 0) + 1);
  });
  const legend = assignCategoryColors(counts);
  const colors = new Map(legend.map((entry) => [entry.category, entry.color]));
  let maxMembers = 1;
  graph.forEachNode((_id, { node }) => {
    if (node.type === 'community') maxMembers = Math.max(maxMembers, node.memberCount);
  });

  const render: RenderGraph = new Graph({ type: 'undirected', multi: false, allowSelfLoops: false });
  let index = 0;
  graph.forEachNode((id, attributes) => {
    const { node } = attributes;
    const placed =
      positions[id] ??
      (attributes.x !== undefined && attributes.y !== undefined
        ? { x: attributes.x, y: attributes.y }
        : fallbackPosition(id, index));
    index++;
    const isEgo = id === egoId;
    const category = categories.get(id) ?? UNKNOWN_LABEL;
    let size: number;
    if (node.type === 'community') {
      const share = Math.sqrt(node.memberCount / maxMembers);
      size = NODE_SIZE.communityMin + (NODE_SIZE.communityMax - NODE_SIZE.communityMin) * share;
    } else {
      const score = scores[id] ?? 0;
      size = NODE_SIZE.min + (NODE_SIZE.max - NODE_SIZE.min) * score;
      if (isEgo) size = Math.max(NODE_SIZE.ego, size + 3);
    }
    render.addNode(id, {
      x: placed.x,
      y: placed.y,
      size,
      color: node.type === 'community' ? COMMUNITY_COLOR : (colors.get(category) ?? OTHER_COLOR),
      label: attributes.label,
      type: node.type === 'community' ? 'square' : 'circle',
      zIndex: isEgo ? 2 : node.type === 'community' ? 0 : 1,
      forceLabel: isEgo,
      node,
      isEgo,
      category,
      cluster: clusters?.byNode[id] ?? null,
    });
  });

  const palette = EDGE_COLORS[colorScheme];
  graph.forEachEdge((edge, attributes, source, target) => {
    const types = [...new Set(attributes.ties.map((tie) => tie.type))];
    const tieType = EDGE_TYPE_PRIORITY.find((type) => types.includes(type)) ?? 'connection';
    const kinds = [...new Set(attributes.ties.flatMap((tie) => tie.kinds))].sort();
    const secondary = tieType === 'reports_to' || tieType === 'member';
    render.addEdgeWithKey(edge, source, target, {
      // Reporting lines and memberships are context: thinner and lighter than chosen ties.
      size: secondary ? Math.min(1, edgeSize(attributes.strength)) : edgeSize(attributes.strength),
      color: palette[tieType],
      tieType,
      types,
      strength: attributes.strength,
      kinds,
      zIndex: tieType === 'connection' ? 1 : 0,
    });
  });
  return { graph: render, legend };
}
