import {
  applyGraphControlChange,
  DEFAULT_GRAPH_CONTROLS,
  type GraphControlChange,
  type GraphControls,
} from '../../graph/graph-controls.ts';
import { createStore, useStore } from '../../lib/store.ts';

/** The network screen's controls live outside it, so they survive opening a profile and coming back. */
const controls = createStore<GraphControls>(DEFAULT_GRAPH_CONTROLS);

export function changeGraphControls(change: GraphControlChange): void {
  controls.set((current) => applyGraphControlChange(current, change));
}

export function useGraphControls(): GraphControls {
  return useStore(controls);
}
