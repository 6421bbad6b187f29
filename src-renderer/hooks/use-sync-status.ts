import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { getApi } from '../lib/api.ts';
import { queryKeys } from '../lib/query-keys.ts';
import { useApiEvent } from './use-api-event.ts';

/** The sync status, pushed by the `sync.status` event; directory caches go stale on `directory.changed`. */
export function useSyncStatus() {
  const queryClient = useQueryClient();
  useApiEvent('sync.status', (status) => queryClient.setQueryData(queryKeys.syncStatus, status));
  useApiEvent('directory.changed', () => {
    void queryClient.invalidateQueries({ queryKey: queryKeys.directory });
  });
  return useQuery({ queryKey: queryKeys.syncStatus, queryFn: () => getApi().sync.getStatus() });
}

export function useSyncNow() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => getApi().sync.syncNow(),
    onSuccess: (status) => queryClient.setQueryData(queryKeys.syncStatus, status),
  });
}
