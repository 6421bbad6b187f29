import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ConnectInput, Session } from '#shared/domain/session';
import { getApi } from '../lib/api.ts';
import { queryKeys } from '../lib/query-keys.ts';
import { useApiEvent } from './use-api-event.ts';

/** The session, kept current by the `session.changed` event. */
export function useSession() {
  const queryClient = useQueryClient();
  useApiEvent('session.changed', (session) => applySession(queryClient, session));
  return useQuery({ queryKey: queryKeys.session, queryFn: () => getApi().session.getSession() });
}

function applySession(queryClient: ReturnType<typeof useQueryClient>, session: Session): void {
  const previous = queryClient.getQueryData<Session>(queryKeys.session);
  queryClient.setQueryData(queryKeys.session, session);
  // Another account (or none) means every cached directory answer is someone else's.
  if (previous?.state !== session.state) {
    queryClient.removeQueries({ queryKey: queryKeys.directory });
    void queryClient.invalidateQueries({ queryKey: queryKeys.syncStatus });
  }
}

export function useConnectServer() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: ConnectInput) => getApi().session.connectServer(input),
    onSuccess: (session) => applySession(queryClient, session),
    meta: { inline: true },
  });
}

export function useStartDemo() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => getApi().session.startDemo(),
    onSuccess: (session) => applySession(queryClient, session),
    meta: { inline: true },
  });
}

export function useSignOut() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => getApi().session.signOut(),
    onSuccess: (session) => applySession(queryClient, session),
  });
}
