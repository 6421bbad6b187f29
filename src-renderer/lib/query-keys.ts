import type { DirectoryFilters } from './directory-filters.ts';

/** Every TanStack Query key the renderer uses, in one place. Directory keys share the ['directory'] prefix. */
export const queryKeys = {
  session: ['session'] as const,
  syncStatus: ['sync', 'status'] as const,
  directory: ['directory'] as const,
  facets: ['directory', 'facets'] as const,
  searchPage: (filters: DirectoryFilters, pageIndex: number) =>
    ['directory', 'search', filters, pageIndex] as const,
  profile: (id: string) => ['directory', 'profile', id] as const,
};
