import { useSyncExternalStore } from 'react';

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
let current: DirectoryFilters = emptyFilters;
let focusRequests = 0;
const listeners = new Set<() => void>();

function emit(): void {
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function setDirectoryFilters(next: Partial<DirectoryFilters>): void {
  current = { ...current, ...next };
  emit();
}

export function resetDirectoryFilters(next: Partial<DirectoryFilters> = {}): void {
  current = { ...emptyFilters, ...next };
  emit();
}

/** Asks the directory's search box to take focus (Ctrl/Cmd+K). */
export function requestSearchFocus(): void {
  focusRequests += 1;
  emit();
}

export function useDirectoryFilters(): DirectoryFilters {
  return useSyncExternalStore(subscribe, () => current);
}

export function useSearchFocusRequests(): number {
  return useSyncExternalStore(subscribe, () => focusRequests);
}

export function hasActiveFilters(filters: DirectoryFilters): boolean {
  return Boolean(filters.text.trim() || filters.department || filters.location || filters.skill);
}
