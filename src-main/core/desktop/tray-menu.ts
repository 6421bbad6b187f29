import { PAUSE_HOUR_MS } from '#shared/domain/settings';
import type { SyncStatus } from '#shared/domain/sync-status';
import { buildCommunityRoute } from '../notifications/notification-rules.ts';

/**
 * The tray as plain data: the shell turns each entry into an Electron MenuItem and each action into a
 * call, so what the tray offers is decided and tested here, without Electron.
 */

export type TrayAction =
  | { type: 'open' }
  | { type: 'openRoute'; route: string }
  | { type: 'syncNow' }
  | { type: 'pause'; until: number }
  | { type: 'resume' }
  | { type: 'restartToUpdate' }
  | { type: 'quit' };

export type TrayMenuEntry =
  | { kind: 'item'; id: string; label: string; enabled: boolean; action: TrayAction | null }
  | { kind: 'submenu'; id: string; label: string; entries: TrayMenuEntry[] }
  | { kind: 'separator' };

export interface CommunityUnread {
  communityId: string;
  name: string;
  count: number;
}

export interface TrayInput {
  /** Unread items per followed community. */
  unread: readonly CommunityUnread[];
  /** Notifications are paused until this time (ms); null or past: not paused. */
  pausedUntil: number | null;
  updateReady: boolean;
  sync: SyncStatus;
  now: number;
  /** When "until tomorrow" ends: the caller's local morning (see findTomorrowMorning). */
  tomorrowMorning: number;
}

export interface TrayModel {
  icon: 'default' | 'unread';
  tooltip: string;
  menu: TrayMenuEntry[];
}

/** Beyond this many communities the menu would outgrow the screen: the rest are one "more" line. */
export const MAX_COMMUNITY_ENTRIES = 10;

/** Builds the tray's icon, tooltip and menu from the app's state. */
export function buildTrayModel(input: TrayInput): TrayModel {
  const paused = input.pausedUntil !== null && input.pausedUntil > input.now;
  const total = input.unread.reduce((sum, u) => sum + u.count, 0);
  const menu: TrayMenuEntry[] = [
    { kind: 'item', id: 'open', label: 'Open Kith', enabled: true, action: { type: 'open' } },
  ];
  const communities = buildUnreadEntries(input.unread);
  if (communities.length) menu.push({ kind: 'separator' }, ...communities);
  menu.push(
    { kind: 'separator' },
    buildSyncEntry(input.sync),
    paused ? buildResumeEntry() : buildPauseEntry(input.now, input.tomorrowMorning),
  );
  if (input.updateReady) {
    menu.push({
      kind: 'item',
      id: 'restart-to-update',
      label: 'Restart to update',
      enabled: true,
      action: { type: 'restartToUpdate' },
    });
  }
  menu.push(
    { kind: 'separator' },
    { kind: 'item', id: 'quit', label: 'Quit', enabled: true, action: { type: 'quit' } },
  );
  return { icon: total > 0 ? 'unread' : 'default', tooltip: buildTooltip(total, paused, input.sync), menu };
}

/** Communities with unread items, most unread first, each opening its community. */
function buildUnreadEntries(unread: readonly CommunityUnread[]): TrayMenuEntry[] {
  const withUnread = unread
    .filter((u) => u.count > 0)
    .sort((a, b) => b.count - a.count || a.name.localeCompare(b.name));
  const entries: TrayMenuEntry[] = withUnread.slice(0, MAX_COMMUNITY_ENTRIES).map((u) => ({
    kind: 'item',
    id: `community:${u.communityId}`,
    label: `${u.name} (${formatCount(u.count)})`,
    enabled: true,
    action: { type: 'openRoute', route: buildCommunityRoute(u.communityId) },
  }));
  const rest = withUnread.length - MAX_COMMUNITY_ENTRIES;
  if (rest > 0) {
    entries.push({
      kind: 'item',
      id: 'communities-more',
      label: `${rest} more ${rest === 1 ? 'community' : 'communities'}…`,
      enabled: true,
      action: { type: 'openRoute', route: '/communities' },
    });
  }
  return entries;
}

/** "Sync now" stays clickable offline or in error (that is when people reach for it), not while syncing. */
function buildSyncEntry(sync: SyncStatus): TrayMenuEntry {
  const syncing = sync.state === 'syncing';
  return {
    kind: 'item',
    id: 'sync-now',
    label: syncing ? 'Syncing…' : 'Sync now',
    enabled: !syncing && sync.state !== 'signed_out',
    action: { type: 'syncNow' },
  };
}

function buildPauseEntry(now: number, tomorrowMorning: number): TrayMenuEntry {
  return {
    kind: 'submenu',
    id: 'pause',
    label: 'Pause notifications',
    entries: [
      {
        kind: 'item',
        id: 'pause-hour',
        label: 'For 1 hour',
        enabled: true,
        action: { type: 'pause', until: now + PAUSE_HOUR_MS },
      },
      {
        kind: 'item',
        id: 'pause-tomorrow',
        label: 'Until tomorrow',
        enabled: true,
        action: { type: 'pause', until: tomorrowMorning },
      },
    ],
  };
}

function buildResumeEntry(): TrayMenuEntry {
  return {
    kind: 'item',
    id: 'resume',
    label: 'Resume notifications',
    enabled: true,
    action: { type: 'resume' },
  };
}

/** The count first, since some platforms cut a tooltip short. */
function buildTooltip(total: number, paused: boolean, sync: SyncStatus): string {
  const lines = [total === 0 ? 'Kith: nothing unread' : `Kith: ${formatCount(total)} unread`];
  if (paused) lines.push('Notifications paused');
  if (sync.state === 'offline') lines.push('Offline');
  if (sync.state === 'error') lines.push('Sync failed');
  return lines.join('\n');
}

function formatCount(n: number): string {
  return n > 99 ? '99+' : String(n);
}
