import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ConnectInput } from '#shared/domain/session';
import { getApi } from '../lib/api.ts';
import { queryKeys } from '../lib/query-keys.ts';
import { applySession } from './use-core-events.ts';

/** The session; `session.changed` keeps it current (see use-core-events). */
export function useSession() {
  return useQuery({ queryKey: queryKeys.session, queryFn: () => getApi().session.getSession() });
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

/** Signing out; the core refuses while writes are still on their way, and SignOutConfirm shows why. */
export function useSignOut() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => getApi().session.signOut(),
    onSuccess: (session) => applySession(queryClient, session),
    meta: { inline: true },
  });
}
