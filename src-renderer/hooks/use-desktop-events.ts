import { useQueryClient } from '@tanstack/react-query';
import { useLocation } from 'wouter';
import type { SettingsView } from '#shared/domain/settings';
import { showToast } from '../lib/toasts.ts';
import { useApiEvent } from './use-api-event.ts';
import { settingsQuery } from './use-settings.ts';

const NOTIFICATION_TOAST_MS = 12_000;

/**
 * What the desktop side (the core's desktop service, through the host) asks of the page: deep links (a notification or tray entry was clicked) open their
 * route, and where the host has no OS notifications (the web host) each one shows as a toast instead.
 * Mounted once, inside the router.
 */
export function useDesktopEvents(): void {
  const queryClient = useQueryClient();
  const [, navigate] = useLocation();

  useApiEvent('app.navigate', ({ route }) => navigate(route));

  useApiEvent('notifications.shown', ({ items }) => {
    void queryClient
      .fetchQuery({ ...settingsQuery, staleTime: Infinity })
      .then((view: SettingsView) => {
        // The OS shows them in the desktop app: nothing in the page.
        if (view.host.desktopNotifications) return;
        for (const item of items) {
          showToast(
            {
              title: item.title,
              message: item.body,
              color: 'blue',
              action: {
                label: item.kind === 'summary' ? 'Open community' : 'Open',
                onClick: () => navigate(item.route),
              },
            },
            NOTIFICATION_TOAST_MS,
          );
        }
      })
      .catch(() => {
        // Without the host's features we cannot tell whether the OS showed them; showing nothing is the quiet choice.
      });
  });
}
