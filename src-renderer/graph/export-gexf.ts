/**
 * The visible graph as GEXF 1.3 (Gephi's format), through graphology-gexf's writer: attributes for label,
 * type, title, department, location, depth, community kind; edge weight = strength, with the tie types and
 * kinds; viz position, colour and size as drawn. Pure: a string out, the host writes the file.
 */
import Graph from 'graphology';
import { write } from 'graphology-gexf';
import type { KithGraph } from './build-graph.ts';
import { collectExportData, type ExportEdge, type ExportNode, type ExportOptions } from './export-data.ts';

export function exportGexf(graph: KithGraph, options: ExportOptions = {}): string {
  const { nodes, edges } = collectExportData(graph, options);
  // A plain copy holding the export records: the writer infers attribute types from them.
  const flat = new Graph<ExportNode, ExportEdge>({ type: 'undirected', multi: false, allowSelfLoops: false });
  for (const node of nodes) flat.addNode(node.id, node);
  for (const edge of edges) flat.addEdgeWithKey(edge.id, edge.source, edge.target, edge);
  return write(flat, {
    version: '1.3',
    formatNode: (
      _key,
      { label, x, y, size, color, type, title, department, location, depth, communityKind },
    ) => ({
      label,
      viz: { x, y, size, color },
      attributes: { type, title, department, location, depth, communityKind },
    }),
    formatEdge: (_key, { strength, type, kinds }) => ({
      weight: strength,
      attributes: { type, strength, kinds },
    }),
  });
}
