import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { SettingsPatch } from '#shared/domain/settings';
import { getApi } from '../lib/api.ts';
import { queryKeys } from '../lib/query-keys.ts';

/** This device's settings and what the host can do; `settings.changed` keeps it current (see use-core-events). */
export const settingsQuery = { queryKey: queryKeys.settings, queryFn: () => getApi().settings.get() };

export function useSettings() {
  return useQuery(settingsQuery);
}

/**
 * Saves a change at once. Each control owns one of these, so its error shows beside it; while it is pending,
 * `variables` holds the value the control should show.
 */
export function useUpdateSettings() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (patch: SettingsPatch) => getApi().settings.update(patch),
    onSuccess: (view) => queryClient.setQueryData(queryKeys.settings, view),
    meta: { inline: true },
  });
}

/** The app's own update status; `updates.status` keeps it current. */
export function useUpdateStatus() {
  return useQuery({ queryKey: queryKeys.updateStatus, queryFn: () => getApi().updates.getStatus() });
}

export function useCheckForUpdates() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => getApi().updates.check(),
    onSuccess: (status) => queryClient.setQueryData(queryKeys.updateStatus, status),
    meta: { inline: true },
  });
}

/** Quits and installs the downloaded update; the core refuses unless one is ready. */
export function useRestartToUpdate() {
  return useMutation({ mutationFn: () => getApi().updates.restart(), meta: { inline: true } });
}
