import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { GraphDepth, SaveGraphExportInput, SaveLayoutInput } from '#shared/domain/graph';
import { getApi } from '../../lib/api.ts';
import { queryKeys } from '../../lib/query-keys.ts';

/** The ego graph from the local cache; `network.changed` and friends mark it stale (see use-core-events). */
export function useEgoGraph(depth: GraphDepth) {
  return useQuery({
    queryKey: queryKeys.egoGraph(depth),
    queryFn: () => getApi().graph.egoGraph({ depth }),
    placeholderData: (previous) => previous,
  });
}

/** "Who can introduce me": null asks nothing. */
export function useIntroductions(personId: string | null) {
  return useQuery({
    queryKey: queryKeys.introductions(personId ?? ''),
    queryFn: () => getApi().graph.introductions({ personId: personId ?? '' }),
    enabled: personId !== null,
  });
}

export function useNetworkInsights() {
  return useQuery({ queryKey: queryKeys.networkInsights, queryFn: () => getApi().graph.insights() });
}

/** Positions are cached by the core only: the ego graph is not refetched, so the canvas does not move. */
export function useSaveLayout() {
  return useMutation({
    mutationFn: (positions: SaveLayoutInput['positions']) => getApi().graph.saveLayout({ positions }),
    meta: { inline: true },
  });
}

/** Forgets the positions, then refetches the graph so it is laid out afresh. */
export function useClearLayout() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => getApi().graph.clearLayout(),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: [...queryKeys.graph, 'ego'] }),
  });
}

export function useSaveGraphExport() {
  return useMutation({
    mutationFn: (input: SaveGraphExportInput) => getApi().graph.saveExport(input),
    meta: { inline: true },
  });
}

/** Colleagues matching the text, for a pick list; empty text asks nothing. */
export function usePeopleSearch(text: string) {
  const trimmed = text.trim();
  return useQuery({
    queryKey: [...queryKeys.directory, 'pick', trimmed],
    queryFn: () => getApi().directory.searchPeople({ text: trimmed, offset: 0, limit: 20 }),
    enabled: trimmed.length > 0,
    placeholderData: (previous) => previous,
  });
}
