import { useSyncExternalStore } from 'react';
import {
  applyGraphControlChange,
  DEFAULT_GRAPH_CONTROLS,
  type GraphControlChange,
  type GraphControls,
} from '../../graph/graph-controls.ts';

/** The network screen's controls live outside it, so they survive opening a profile and coming back. */
let current: GraphControls = DEFAULT_GRAPH_CONTROLS;
const listeners = new Set<() => void>();

export function changeGraphControls(change: GraphControlChange): void {
  const next = applyGraphControlChange(current, change);
  if (next === current) return;
  current = next;
  for (const listener of listeners) listener();
}

export function useGraphControls(): GraphControls {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => current,
  );
}
