import Graph from 'graphology';
import { parse as parseGexf } from 'graphology-gexf';
import { parse as parseGraphml } from 'graphology-graphml';
import { describe, expect, it } from 'vitest';
import { deriveAppearance } from '../../../../src-renderer/graph/appearance.ts';
import { buildGraph } from '../../../../src-renderer/graph/build-graph.ts';
import { exportGexf } from '../../../../src-renderer/graph/export-gexf.ts';
import { exportGraphml } from '../../../../src-renderer/graph/export-graphml.ts';
import { fixtureEgoGraph, person, tie } from './fixture.ts';

function trickyGraph() {
  const ego = fixtureEgoGraph();
  ego.nodes.push(person('x&<y>', `Zoë O'Brien & <Sons> "quoted" 日本\u0001`, 'R&D <Labs>', 'Zürich', 1));
  ego.edges.push(tie('connection', 'me', 'x&<y>', 5, ['worked_with', 'mentor']));
  return buildGraph(ego);
}

const edgeSet = (graph: { forEachEdge: Graph['forEachEdge'] }) => {
  const pairs: string[] = [];
  graph.forEachEdge((_e, _a, s, t) => pairs.push([s, t].sort().join(' ~ ')));
  return pairs.sort();
};

describe('exportGexf', () => {
  it('round-trips through the GEXF parser: ids, edges, labels, fields and viz', () => {
    const graph = trickyGraph();
    const render = deriveAppearance({ graph, controls: { colorBy: 'department' } }).graph;
    const parsed = parseGexf(Graph, exportGexf(graph, { render }));
    expect(parsed.nodes().sort()).toEqual(graph.nodes().sort());
    expect(edgeSet(parsed)).toEqual(edgeSet(graph));
    const tricky = parsed.getNodeAttributes('x&<y>');
    expect(tricky).toMatchObject({
      label: `Zoë O'Brien & <Sons> "quoted" 日本`,
      department: 'R&D <Labs>',
      location: 'Zürich',
      type: 'person',
      depth: 1,
    });
    const drawn = render.getNodeAttributes('x&<y>');
    expect(tricky.x).toBeCloseTo(drawn.x, 3);
    expect(tricky.size).toBeCloseTo(drawn.size, 3);
    expect(typeof tricky.color).toBe('string');
    const edge = parsed.getEdgeAttributes(parsed.edge('me', 'ann')!);
    expect(edge).toMatchObject({
      weight: 4,
      strength: 4,
      type: 'connection;reports_to',
      kinds: 'worked_with',
    });
  });
});

describe('exportGraphml', () => {
  it('round-trips through the GraphML parser with every key, escaped', () => {
    const graph = trickyGraph();
    const xml = exportGraphml(graph);
    expect(xml).not.toContain('\u0001');
    const parsed = parseGraphml(Graph, xml);
    expect(parsed.nodes().sort()).toEqual(graph.nodes().sort());
    expect(edgeSet(parsed)).toEqual(edgeSet(graph));
    expect(parsed.getNodeAttributes('x&<y>')).toMatchObject({
      label: `Zoë O'Brien & <Sons> "quoted" 日本`,
      type: 'person',
      title: 'R&D <Labs> lead',
      department: 'R&D <Labs>',
      location: 'Zürich',
      depth: 1,
    });
    expect(parsed.getNodeAttributes('me')).toMatchObject({ x: 1, y: 2, depth: 0 });
    expect(parsed.getNodeAttribute('community:8b8f1f7e-3a59-4c3e-9d7c-2f8a3c1b0d11', 'depth')).toBe(-1);
    const edge = parsed.getEdgeAttributes(parsed.edge('me', 'x&<y>')!);
    expect(edge).toMatchObject({ type: 'connection', strength: 5, kinds: 'mentor;worked_with' });
  });
});
