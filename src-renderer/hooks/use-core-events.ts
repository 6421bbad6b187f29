import { useQueryClient, type QueryClient } from '@tanstack/react-query';
import type { Session } from '#shared/domain/session';
import { queryKeys } from '../lib/query-keys.ts';
import { showToast } from '../lib/toasts.ts';
import { useApiEvent } from './use-api-event.ts';

/** Puts a new session in the cache; another account (or none) means every cached directory answer is stale. */
export function applySession(queryClient: QueryClient, session: Session): void {
  const previous = queryClient.getQueryData<Session>(queryKeys.session);
  queryClient.setQueryData(queryKeys.session, session);
  if (previous?.state !== session.state) {
    queryClient.removeQueries({ queryKey: queryKeys.directory });
    queryClient.removeQueries({ queryKey: queryKeys.communities });
    queryClient.removeQueries({ queryKey: queryKeys.graph });
    void queryClient.invalidateQueries({ queryKey: queryKeys.syncStatus });
  }
}

/** The one place where core events reach the query cache; mounted once, for the app's lifetime. */
export function useCoreEvents(): void {
  const queryClient = useQueryClient();
  useApiEvent('session.changed', (session) => {
    applySession(queryClient, session);
    // Signing in (or out) changes what this device knows of the notes key.
    void queryClient.invalidateQueries({ queryKey: queryKeys.notesEncryption });
  });
  useApiEvent('sync.status', (status) => queryClient.setQueryData(queryKeys.syncStatus, status));
  useApiEvent('directory.changed', () => {
    void queryClient.invalidateQueries({ queryKey: queryKeys.directory });
    void queryClient.invalidateQueries({ queryKey: queryKeys.graph });
    // Authors', leaders' and members' names and titles show throughout the communities screens.
    void queryClient.invalidateQueries({ queryKey: queryKeys.communities });
    // Right after signing in on a new computer, who "me" is arrives with the first directory sync.
    const session = queryClient.getQueryData<Session>(queryKeys.session);
    if (session?.state === 'signed_in' && !session.me) {
      void queryClient.invalidateQueries({ queryKey: queryKeys.session });
    }
  });
  useApiEvent('network.changed', () => {
    void queryClient.invalidateQueries({ queryKey: queryKeys.network });
    void queryClient.invalidateQueries({ queryKey: queryKeys.graph });
    // Keep-in-touch reminders follow the connections' cadences and last interactions.
    void queryClient.invalidateQueries({ queryKey: queryKeys.followUps });
  });
  useApiEvent('notes.changed', () => {
    void queryClient.invalidateQueries({ queryKey: queryKeys.notes });
  });
  useApiEvent('communities.changed', () => {
    void queryClient.invalidateQueries({ queryKey: queryKeys.communities });
    void queryClient.invalidateQueries({ queryKey: queryKeys.graph });
  });
  // Another window or the tray may change these (pause, for one).
  useApiEvent('settings.changed', (view) => queryClient.setQueryData(queryKeys.settings, view));
  useApiEvent('updates.status', (status) => queryClient.setQueryData(queryKeys.updateStatus, status));
  useApiEvent('sync.rejected', (rejected) => {
    void queryClient.invalidateQueries({ queryKey: queryKeys.rejected });
    showToast(
      { title: `Not saved: ${rejected.description}`, message: rejected.reason, color: 'red' },
      12_000,
    );
  });
}
