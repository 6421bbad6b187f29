import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ConnectInput, ServerUrlInput, Session } from '#shared/domain/session';
import { getApi } from '../lib/api.ts';
import { queryKeys } from '../lib/query-keys.ts';
import { applySession } from './use-core-events.ts';

/** The session; `session.changed` keeps it current (see use-core-events). */
export function useSession() {
  return useQuery({ queryKey: queryKeys.session, queryFn: () => getApi().session.getSession() });
}

/** Writes that answer with the new session, which the app then shows; refusals show beside their form. */
function useSessionWrite<I>(call: (input: I) => Promise<Session>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: call,
    onSuccess: (session) => applySession(queryClient, session),
    meta: { inline: true },
  });
}

export const useConnectServer = () =>
  useSessionWrite((input: ConnectInput) => getApi().session.connectServer(input));

/** The bundled demo organization without input; a demo server's with its address. */
export const useStartDemo = () =>
  useSessionWrite((input: ServerUrlInput | undefined) => getApi().session.startDemo(input));

/** Signing out; the core refuses while writes are still on their way, and SignOutConfirm shows why. */
export const useSignOut = () => useSessionWrite(() => getApi().session.signOut());

/** "Also sign out of Contoso": the IdP's end-session page in the browser; the offer then goes. */
export const useOpenProviderSignOut = () => useSessionWrite(() => getApi().session.openProviderSignOut());

/** Puts the session a sign-in answered in the cache, for callers that run the call themselves. */
export function useApplySession(): (session: Session) => void {
  const queryClient = useQueryClient();
  return (session) => applySession(queryClient, session);
}
