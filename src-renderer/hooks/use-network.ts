import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ConnectionFields } from '#shared/domain/connection';
import type { NetworkQuery } from '#shared/domain/network';
import { getApi } from '../lib/api.ts';
import { queryKeys } from '../lib/query-keys.ts';

/** "My network": `network.changed` keeps it current (see use-core-events). */
export function useConnections(query: NetworkQuery) {
  return useQuery({
    queryKey: queryKeys.connections(query),
    queryFn: () => getApi().network.listConnections(query),
    placeholderData: (previous) => previous,
  });
}

export function useConnection(personId: string) {
  return useQuery({
    queryKey: queryKeys.connection(personId),
    queryFn: () => getApi().network.getConnection({ personId }),
  });
}

/** Saves only the fields that changed: another device's edits to the other fields survive. */
export function useSaveConnection(personId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (patch: Partial<ConnectionFields>) => getApi().network.saveConnection({ personId, patch }),
    onSuccess: (connection) => {
      queryClient.setQueryData(queryKeys.connection(personId), connection);
      void queryClient.invalidateQueries({ queryKey: queryKeys.network });
    },
    meta: { inline: true },
  });
}

export function useRemoveConnection(personId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => getApi().network.removeConnection({ personId }),
    onSuccess: () => {
      queryClient.setQueryData(queryKeys.connection(personId), null);
      void queryClient.invalidateQueries({ queryKey: queryKeys.network });
    },
  });
}

export function useRejectedWrites() {
  return useQuery({ queryKey: queryKeys.rejected, queryFn: () => getApi().sync.listRejected() });
}

export function useDismissRejected() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (mutationId: number) => getApi().sync.dismissRejected({ mutationId }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: queryKeys.rejected }),
  });
}
