/**
 * The flat, per-node and per-edge records both file exports write (GEXF and GraphML), so the two formats
 * carry the same fields. Viz (x, y, colour, size) comes from the render graph when given (what is on screen),
 * else from a fresh department-coloured appearance of the graph itself.
 */
import { deriveAppearance, type RenderGraph } from './appearance.ts';
import type { KithGraph } from './build-graph.ts';

export interface ExportNode {
  id: string;
  label: string;
  type: 'person' | 'community';
  title: string;
  department: string;
  location: string;
  /** -1 for community nodes (they have no depth). */
  depth: number;
  communityKind: string;
  x: number;
  y: number;
  size: number;
  color: string;
}

export interface ExportEdge {
  id: string;
  source: string;
  target: string;
  /** The tie types joined with ";" (connection;reports_to). */
  type: string;
  strength: number;
  /** The connection kinds joined with ";". */
  kinds: string;
}

export interface ExportOptions {
  /** The render graph on screen (appearance.ts): its positions, colours and sizes go into the file. */
  render?: RenderGraph;
}

function isXmlChar(code: number): boolean {
  return (
    code === 0x9 ||
    code === 0xa ||
    code === 0xd ||
    (code >= 0x20 && code <= 0xd7ff) ||
    (code >= 0xe000 && code <= 0xfffd) ||
    code >= 0x10000
  );
}

/** Drops what XML 1.0 cannot hold even escaped: C0 controls other than tab, LF and CR, U+FFFE/F, lone surrogates. */
export function stripInvalidXml(text: string): string {
  let out = '';
  for (const char of text) if (isXmlChar(char.codePointAt(0) ?? 0)) out += char;
  return out;
}

export function collectExportData(graph: KithGraph, options: ExportOptions = {}) {
  const render = options.render ?? deriveAppearance({ graph, controls: { colorBy: 'department' } }).graph;
  const nodes: ExportNode[] = [];
  graph.forEachNode((id, { node, label, depth }) => {
    const drawn = render.hasNode(id) ? render.getNodeAttributes(id) : null;
    const person = node.type === 'person' ? node.person : null;
    nodes.push({
      id,
      label: stripInvalidXml(label),
      type: node.type,
      title: stripInvalidXml(person?.title ?? ''),
      department: stripInvalidXml(person?.department ?? ''),
      location: stripInvalidXml(person?.location ?? ''),
      depth: depth ?? -1,
      communityKind: node.type === 'community' ? node.kind : '',
      x: drawn?.x ?? 0,
      y: drawn?.y ?? 0,
      size: drawn?.size ?? 1,
      color: drawn?.color ?? '#9aa0a6',
    });
  });
  const edges: ExportEdge[] = [];
  graph.forEachEdge((id, { ties, strength }, source, target) => {
    edges.push({
      id,
      source,
      target,
      type: [...new Set(ties.map((tie) => tie.type))].join(';'),
      strength,
      kinds: [...new Set(ties.flatMap((tie) => tie.kinds))].sort().join(';'),
    });
  });
  return { nodes, edges };
}
