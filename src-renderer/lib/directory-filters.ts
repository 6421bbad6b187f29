import { createStore, useStore } from './store.ts';

export interface DirectoryFilters {
  text: string;
  department: string | null;
  location: string | null;
  skill: string | null;
}

export const emptyFilters: DirectoryFilters = { text: '', department: null, location: null, skill: null };

/**
 * The directory's search state lives outside the screen so it survives opening a profile and coming back,
 * and so other screens (a skill badge) can open the directory pre-filtered.
 */
const filters = createStore<DirectoryFilters>(emptyFilters);
const focusRequests = createStore(0);

export function setDirectoryFilters(next: Partial<DirectoryFilters>): void {
  filters.set((current) => ({ ...current, ...next }));
}

export function resetDirectoryFilters(next: Partial<DirectoryFilters> = {}): void {
  filters.set({ ...emptyFilters, ...next });
}

/** Asks the directory's search box to take focus (Ctrl/Cmd+K). */
export function requestSearchFocus(): void {
  focusRequests.set((count) => count + 1);
}

export function useDirectoryFilters(): DirectoryFilters {
  return useStore(filters);
}

export function useSearchFocusRequests(): number {
  return useStore(focusRequests);
}

export function hasActiveFilters(filters: DirectoryFilters): boolean {
  return Boolean(filters.text.trim() || filters.department || filters.location || filters.skill);
}
