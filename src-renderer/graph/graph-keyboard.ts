/**
 * Keyboard travel over the canvas, pure: from the focused node, an arrow key goes to the nearest node in
 * that direction on screen (neighbours first, then anyone), else to the next node by degree. Also the
 * sentence the live region reads for a node.
 */
import type { RenderGraph } from './appearance.ts';

export type ArrowDirection = 'ArrowUp' | 'ArrowDown' | 'ArrowLeft' | 'ArrowRight';

const DIRECTIONS: Record<ArrowDirection, { x: number; y: number }> = {
  ArrowUp: { x: 0, y: -1 },
  ArrowDown: { x: 0, y: 1 },
  ArrowLeft: { x: -1, y: 0 },
  ArrowRight: { x: 1, y: 0 },
};

export function isArrowKey(key: string): key is ArrowDirection {
  return key in DIRECTIONS;
}

/** Node ids by degree (highest first, then id): the order keys fall back on. */
export function nodesByDegree(graph: RenderGraph): string[] {
  return graph.nodes().sort((a, b) => graph.degree(b) - graph.degree(a) || (a < b ? -1 : 1));
}

/** Where to start: the ego, else the best-connected node. */
export function firstFocus(graph: RenderGraph): string | null {
  return graph.findNode((_id, attributes) => attributes.isEgo) ?? nodesByDegree(graph)[0] ?? null;
}

/** Within 60° of the arrow, scored by distance with a penalty for the angle off it. */
function best(
  from: { x: number; y: number },
  candidates: Iterable<string>,
  direction: { x: number; y: number },
  screen: (id: string) => { x: number; y: number },
): string | null {
  let chosen: string | null = null;
  let score = Infinity;
  for (const id of candidates) {
    const p = screen(id);
    const dx = p.x - from.x;
    const dy = p.y - from.y;
    const distance = Math.hypot(dx, dy);
    if (distance === 0) continue;
    const cos = (dx * direction.x + dy * direction.y) / distance;
    if (cos < 0.5) continue;
    const value = distance * (2 - cos);
    if (value < score) {
      score = value;
      chosen = id;
    }
  }
  return chosen;
}

/**
 * The next node for an arrow key. `screen` maps a node to viewport pixels (y down).
 * Up/Left fall back to the previous node by degree, Down/Right to the next.
 */
export function nextFocus(
  graph: RenderGraph,
  current: string | null,
  key: ArrowDirection,
  screen: (id: string) => { x: number; y: number },
): string | null {
  if (current === null || !graph.hasNode(current)) return firstFocus(graph);
  const direction = DIRECTIONS[key];
  const from = screen(current);
  const found =
    best(from, graph.neighbors(current), direction, screen) ?? best(from, graph.nodes(), direction, screen);
  if (found) return found;
  const order = nodesByDegree(graph);
  const index = order.indexOf(current);
  const step = key === 'ArrowUp' || key === 'ArrowLeft' ? -1 : 1;
  return order[(index + step + order.length) % order.length] ?? null;
}

/** What the live region says about a node. */
export function describeNode(graph: RenderGraph, id: string): string {
  if (!graph.hasNode(id)) return '';
  const { node, isEgo } = graph.getNodeAttributes(id);
  if (node.type === 'community') {
    return `${node.name}, community, ${node.memberCount} ${node.memberCount === 1 ? 'member' : 'members'}`;
  }
  const { name, title, department } = node.person;
  const parts = [isEgo ? `${name} (you)` : name, title, department].filter((part) => part.trim() !== '');
  return `${parts.join(', ')}. ${graph.degree(id)} ${graph.degree(id) === 1 ? 'link' : 'links'}`;
}
