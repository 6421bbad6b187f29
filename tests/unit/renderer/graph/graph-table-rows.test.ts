import { describe, expect, it } from 'vitest';
import { buildGraph } from '../../../../src-renderer/graph/build-graph.ts';
import { buildGraphTableRows, describeGraphTie } from '../../../../src-renderer/graph/graph-table-rows.ts';
import { EGO } from './graph-helpers.fixture.ts';

describe('buildGraphTableRows', () => {
  it('lists you first, then by depth and name, communities last, with clusters and degrees', () => {
    const rows = buildGraphTableRows(buildGraph(EGO), { me: 0, ana: 0, bo: 1 });
    expect(rows.map((r) => [r.id, r.depth, r.cluster, r.degree])).toEqual([
      ['me', 0, 0, 3],
      ['ana', 1, 0, 3],
      ['bo', 1, 1, 1],
      ['cy', 2, null, 1],
      ['community:c1', null, null, 2],
    ]);
  });

  it('gives each tie with whom, every type and the strength, strongest first', () => {
    const me = buildGraphTableRows(buildGraph(EGO), {})[0];
    expect(me?.ties.map(describeGraphTie)).toEqual([
      'Ana Lima (your connection, 4/5)',
      'Bo Chen (your connection, reporting line, 3/5)',
      'Platform Guild (member)',
    ]);
  });
});
