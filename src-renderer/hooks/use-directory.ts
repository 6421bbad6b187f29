import { keepPreviousData, useQueries, useQuery } from '@tanstack/react-query';
import type { DirectoryPage } from '#shared/domain/directory';
import { getApi } from '../lib/api.ts';
import type { DirectoryFilters } from '../lib/directory-filters.ts';
import { queryKeys } from '../lib/query-keys.ts';

export const PAGE_SIZE = 100;

/** A page together with the filters it answers, so placeholder data says which search it belongs to. */
export interface FilteredPage {
  filters: DirectoryFilters;
  page: DirectoryPage;
}

function pageQuery(filters: DirectoryFilters, pageIndex: number) {
  return {
    queryKey: queryKeys.searchPage(filters, pageIndex),
    queryFn: async (): Promise<FilteredPage> => {
      const page = await getApi().directory.searchPeople({
        text: filters.text.trim(),
        department: filters.department ?? undefined,
        location: filters.location ?? undefined,
        skill: filters.skill ?? undefined,
        offset: pageIndex * PAGE_SIZE,
        limit: PAGE_SIZE,
      });
      return { filters, page };
    },
  };
}

/** The first page of a search: it carries the total. The previous search stays on screen while typing. */
export function useDirectoryHead(filters: DirectoryFilters) {
  return useQuery({ ...pageQuery(filters, 0), placeholderData: keepPreviousData });
}

/** One query per page index in view; TanStack shares and caches them. */
export function useDirectoryPages(filters: DirectoryFilters, pageIndices: readonly number[]) {
  return useQueries({ queries: pageIndices.map((index) => pageQuery(filters, index)) });
}

export function useFacets() {
  return useQuery({
    queryKey: queryKeys.facets,
    queryFn: () => getApi().directory.listFacets(),
    staleTime: 60_000,
  });
}

export function useProfile(id: string) {
  return useQuery({
    queryKey: queryKeys.profile(id),
    queryFn: () => getApi().directory.getProfile({ id }),
    retry: (count, error) => error.name !== 'not_found' && count < 2,
  });
}
