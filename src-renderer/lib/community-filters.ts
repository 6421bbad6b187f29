import { useSyncExternalStore } from 'react';
import type { CommunityKind } from '#shared/domain/community';

export interface CommunityFilters {
  scope: 'mine' | 'discover';
  kind: CommunityKind | null;
  text: string;
}

/** Kept outside the screen so opening a community and coming back finds the same tab, filter and search. */
let current: CommunityFilters = { scope: 'mine', kind: null, text: '' };
const listeners = new Set<() => void>();

export function setCommunityFilters(next: Partial<CommunityFilters>): void {
  current = { ...current, ...next };
  for (const listener of listeners) listener();
}

export function useCommunityFilters(): CommunityFilters {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => current,
  );
}
