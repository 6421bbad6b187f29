import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { getApi } from '../lib/api.ts';
import { queryKeys } from '../lib/query-keys.ts';

/** The sync status; the `sync.status` event keeps it current (see use-core-events). */
export function useSyncStatus() {
  return useQuery({ queryKey: queryKeys.syncStatus, queryFn: () => getApi().sync.getStatus() });
}

/** `inline`: the caller shows the error beside its button rather than as a toast. */
export function useSyncNow({ inline = false } = {}) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => getApi().sync.syncNow(),
    onSuccess: (status) => queryClient.setQueryData(queryKeys.syncStatus, status),
    meta: inline ? { inline: true } : undefined,
  });
}
