/**
 * What the person chose on the network screen (depth, colour and size mappings, community nodes, filters)
 * and the pure state changes on it, grouped so a reducer, a URL or a test can drive them without React.
 */
import type { ConnectionKind } from '#shared/domain/connection';
import type { GraphDepth } from '#shared/domain/graph';

export type ColorBy = 'department' | 'location' | 'cluster';
export type SizeBy = 'degree' | 'betweenness';

export interface GraphFilters {
  department?: string;
  location?: string;
  /** A community's id (not the `community:<id>` node id). */
  communityId?: string;
  kind?: ConnectionKind;
  /** 1–5: ties weaker than this are hidden. */
  minStrength?: number;
}

export interface GraphControls {
  depth: GraphDepth;
  colorBy: ColorBy;
  sizeBy: SizeBy;
  showCommunities: boolean;
  filters: GraphFilters;
}

export const DEFAULT_GRAPH_CONTROLS: GraphControls = Object.freeze({
  depth: 1,
  colorBy: 'department',
  sizeBy: 'degree',
  showCommunities: true,
  filters: Object.freeze({}),
}) as GraphControls;

export type GraphControlChange =
  | { type: 'setDepth'; depth: GraphDepth }
  | { type: 'setColorBy'; colorBy: ColorBy }
  | { type: 'setSizeBy'; sizeBy: SizeBy }
  | { type: 'setShowCommunities'; show: boolean }
  | { type: 'setFilter'; filters: GraphFilters }
  | { type: 'clearFilter'; key: keyof GraphFilters }
  | { type: 'clearFilters' }
  | { type: 'reset' };

/** Drops filters set to undefined, empty strings and out-of-range strengths, so "no filter" has one shape. */
export function normalizeFilters(filters: GraphFilters): GraphFilters {
  const out: GraphFilters = {};
  if (filters.department) out.department = filters.department;
  if (filters.location) out.location = filters.location;
  if (filters.communityId) out.communityId = filters.communityId;
  if (filters.kind) out.kind = filters.kind;
  if (filters.minStrength !== undefined && filters.minStrength > 1 && filters.minStrength <= 5) {
    out.minStrength = Math.round(filters.minStrength);
  }
  return out;
}

/** The reducer: returns the same object when nothing changes, so memoised derivations stay put. */
export function applyGraphControlChange(controls: GraphControls, change: GraphControlChange): GraphControls {
  switch (change.type) {
    case 'setDepth':
      return controls.depth === change.depth ? controls : { ...controls, depth: change.depth };
    case 'setColorBy':
      return controls.colorBy === change.colorBy ? controls : { ...controls, colorBy: change.colorBy };
    case 'setSizeBy':
      return controls.sizeBy === change.sizeBy ? controls : { ...controls, sizeBy: change.sizeBy };
    case 'setShowCommunities':
      return controls.showCommunities === change.show
        ? controls
        : { ...controls, showCommunities: change.show };
    case 'setFilter':
      return { ...controls, filters: normalizeFilters({ ...controls.filters, ...change.filters }) };
    case 'clearFilter': {
      if (controls.filters[change.key] === undefined) return controls;
      const filters = Object.fromEntries(
        Object.entries(controls.filters).filter(([key]) => key !== change.key),
      );
      return { ...controls, filters };
    }
    case 'clearFilters':
      return countActiveFilters(controls) === 0 ? controls : { ...controls, filters: {} };
    case 'reset':
      return DEFAULT_GRAPH_CONTROLS;
  }
}

export function countActiveFilters(controls: GraphControls): number {
  return Object.keys(normalizeFilters(controls.filters)).length;
}

/** Whether a change to the controls changes which nodes are visible (and so may need a new layout). */
export function changesVisibleNodes(before: GraphControls, after: GraphControls): boolean {
  return (
    before.depth !== after.depth ||
    before.showCommunities !== after.showCommunities ||
    JSON.stringify(normalizeFilters(before.filters)) !== JSON.stringify(normalizeFilters(after.filters))
  );
}
