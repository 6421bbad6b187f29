/**
 * The visible graph as GraphML, written here (graphology-graphml only parses): one <key> per field (label,
 * type, title, department, location, depth, community kind, x, y, size, colour; edge type, strength, kinds),
 * every value XML-escaped, characters XML cannot hold dropped. Pure: a string out.
 */
import type { KithGraph } from './build-graph.ts';
import { collectExportData, type ExportEdge, type ExportNode, type ExportOptions } from './export-data.ts';

type GraphmlType = 'string' | 'int' | 'double';

const NODE_KEYS: readonly (readonly [keyof ExportNode, GraphmlType])[] = [
  ['label', 'string'],
  ['type', 'string'],
  ['title', 'string'],
  ['department', 'string'],
  ['location', 'string'],
  ['depth', 'int'],
  ['communityKind', 'string'],
  ['x', 'double'],
  ['y', 'double'],
  ['size', 'double'],
  ['color', 'string'],
];
const EDGE_KEYS: readonly (readonly [keyof ExportEdge, GraphmlType])[] = [
  ['type', 'string'],
  ['strength', 'int'],
  ['kinds', 'string'],
];

export function escapeXml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

function data(key: string, value: string | number): string {
  return `<data key="${key}">${escapeXml(String(value))}</data>`;
}

export function exportGraphml(graph: KithGraph, options: ExportOptions = {}): string {
  const { nodes, edges } = collectExportData(graph, options);
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"' +
      ' xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">',
  ];
  for (const [name, type] of NODE_KEYS) {
    lines.push(`  <key id="n_${name}" for="node" attr.name="${name}" attr.type="${type}"/>`);
  }
  for (const [name, type] of EDGE_KEYS) {
    lines.push(`  <key id="e_${name}" for="edge" attr.name="${name}" attr.type="${type}"/>`);
  }
  lines.push('  <graph id="kith" edgedefault="undirected">');
  for (const node of nodes) {
    const fields = NODE_KEYS.map(([name]) => data(`n_${name}`, node[name])).join('');
    lines.push(`    <node id="${escapeXml(node.id)}">${fields}</node>`);
  }
  for (const edge of edges) {
    const fields = EDGE_KEYS.map(([name]) => data(`e_${name}`, edge[name])).join('');
    lines.push(
      `    <edge id="${escapeXml(edge.id)}" source="${escapeXml(edge.source)}" target="${escapeXml(edge.target)}">${fields}</edge>`,
    );
  }
  lines.push('  </graph>', '</graphml>', '');
  return lines.join('\n');
}
