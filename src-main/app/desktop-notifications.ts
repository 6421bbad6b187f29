import { Notification, type NativeImage } from 'electron';
import type { CoreEvents } from '#core/core-types';
import type { DesktopNotification } from '#shared/domain/notifications';

/**
 * Notifications stay clickable in the notification centre (macOS, Windows) long after they vanish from the
 * screen, and a click only reaches a handler whose Notification object has not been garbage-collected: the
 * most recent ones are kept.
 */
const MAX_KEPT = 100;

/** Shows each notification the core decides on as an OS notification; a click hands its item to onClick. */
export function showDesktopNotifications(
  events: CoreEvents,
  onClick: (item: DesktopNotification) => void,
  icon?: NativeImage,
): () => void {
  const kept = new Map<string, Notification>();

  const show = (item: DesktopNotification) => {
    // macOS and Windows replace a notification with the same id; Linux cannot, so the older one is closed.
    kept.get(item.id)?.close();
    kept.delete(item.id);
    const notification = new Notification({
      id: item.id,
      groupId: item.communityId,
      title: item.title,
      body: item.body,
      icon,
    });
    const forget = () => {
      if (kept.get(item.id) === notification) kept.delete(item.id);
    };
    notification.on('click', () => {
      forget();
      onClick(item);
    });
    notification.on('close', forget);
    notification.on('failed', (_event, error) => {
      forget();
      console.warn(`Kith: a desktop notification failed: ${error}`);
    });
    kept.set(item.id, notification);
    for (const id of kept.keys()) {
      if (kept.size <= MAX_KEPT) break;
      kept.delete(id);
    }
    notification.show();
  };

  // Signed out, or another account: what the last one was told must not stay in the notification centre.
  const closeAll = () => {
    for (const notification of kept.values()) notification.close();
    kept.clear();
  };
  let personId: string | null = null;
  const unsubscribes = [
    events.on('notifications.shown', ({ items }) => items.forEach(show)),
    events.on('session.changed', (session) => {
      const id = session.state === 'signed_in' ? (session.me?.id ?? null) : null;
      if (session.state === 'signed_out' || (id !== null && personId !== null && id !== personId)) closeAll();
      if (session.state === 'signed_out' || id !== null) personId = id;
    }),
  ];
  return () => {
    for (const unsubscribe of unsubscribes) unsubscribe();
    kept.clear();
  };
}
