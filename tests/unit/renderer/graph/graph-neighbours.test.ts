import { describe, expect, it } from 'vitest';
import { findGraphNode, knownNeighbours } from '../../../../src-renderer/graph/graph-neighbours.ts';
import { graphFilterOptions } from '../../../../src-renderer/graph/graph-filter-options.ts';
import { labelPeople } from '../../../../src-renderer/lib/person-labels.ts';
import { EGO } from './graph-helpers.fixture.ts';

describe('graph-neighbours', () => {
  it('finds a node by id, or nothing', () => {
    expect(findGraphNode(EGO, 'cy')?.type).toBe('person');
    expect(findGraphNode(EGO, 'nobody')).toBeNull();
    expect(findGraphNode(undefined, 'cy')).toBeNull();
  });

  it('says which people you know are tied to someone, memberships aside', () => {
    expect(knownNeighbours(EGO, 'cy').map((p) => p.name)).toEqual(['Ana Lima']);
    expect(knownNeighbours(EGO, 'community:c1')).toEqual([]);
  });
});

describe('graph-filter-options', () => {
  it('offers only what the graph holds, you aside', () => {
    expect(graphFilterOptions(EGO)).toEqual({
      departments: ['Finance', 'Legal', 'R&D'],
      locations: ['Berlin', 'Lyon', 'Paris'],
      communities: [{ value: 'c1', label: 'Platform Guild' }],
      kinds: ['worked_with', 'mentor', 'met_at_event'],
    });
    expect(graphFilterOptions(undefined).departments).toEqual([]);
  });
});

describe('person-labels', () => {
  it('labels people by name, adding the department where two share a name', () => {
    const p = (id: string, name: string, department: string) => ({
      id,
      name,
      department,
      title: '',
      location: '',
      active: true,
    });
    const labels = labelPeople([
      p('1', 'Ana Lima', 'R&D'),
      p('2', 'Ana Lima', 'Sales'),
      p('3', 'Bo', 'R&D'),
      p('4', 'Ana Lima', 'Sales'),
    ]);
    expect([...labels].map(([label, person]) => [label, person.id])).toEqual([
      ['Ana Lima (R&D)', '1'],
      ['Ana Lima (Sales)', '2'],
      ['Bo', '3'],
      ['Ana Lima (4)', '4'],
    ]);
  });
});
