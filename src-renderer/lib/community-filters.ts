import type { CommunityKind } from '#shared/domain/community';
import { createStore, useStore } from './store.ts';

export interface CommunityFilters {
  scope: 'mine' | 'discover';
  kind: CommunityKind | null;
  text: string;
}

/** Kept outside the screen so opening a community and coming back finds the same tab, filter and search. */
const filters = createStore<CommunityFilters>({ scope: 'mine', kind: null, text: '' });

export function setCommunityFilters(next: Partial<CommunityFilters>): void {
  filters.set((current) => ({ ...current, ...next }));
}

export function useCommunityFilters(): CommunityFilters {
  return useStore(filters);
}
