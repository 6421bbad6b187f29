import { Button, Group, Loader, RingProgress, Stack, Text, ThemeIcon } from '@mantine/core';
import {
  IconCircleCheck,
  IconCloudOff,
  IconLogout,
  IconRefresh,
  IconAlertTriangle,
} from '@tabler/icons-react';
import type { ReactNode } from 'react';
import type { SyncStatus } from '#shared/domain/sync-status';
import { useNow } from '../hooks/use-now.ts';
import { useSyncNow, useSyncStatus } from '../hooks/use-sync-status.ts';
import { formatAgo, formatIn } from '../lib/format.ts';

interface Props {
  /** The rail offers "Sync now" when the data may be stale; Settings shows its own button. */
  withAction?: boolean;
  testId?: string;
}

/** The rail's footer: how fresh the local data is, and a way to sync now when it is not. */
export function SyncStatusIndicator({ withAction = true, testId = 'sync-status' }: Props) {
  const { data: status, error } = useSyncStatus();
  const syncNow = useSyncNow();
  // A retry countdown needs the seconds; "synced 2 min ago" does not.
  const now = useNow(status?.state === 'offline' ? 1_000 : 15_000);

  if (error) {
    return (
      <StatusLine icon={<Warning />} title="Sync status unavailable" detail={error.message} testId={testId} />
    );
  }
  if (!status) return <StatusLine icon={<Loader size={18} />} title="Checking sync…" testId={testId} />;

  const action =
    withAction && (status.state === 'offline' || status.state === 'error' || status.state === 'idle') ? (
      <Button
        size="compact-xs"
        variant={status.state === 'idle' ? 'subtle' : 'light'}
        leftSection={<IconRefresh size={14} />}
        loading={syncNow.isPending}
        onClick={() => syncNow.mutate()}
        w="fit-content"
        ml={status.state === 'idle' ? -8 : 0}
      >
        Sync now
      </Button>
    ) : null;

  return <StatusLine {...describe(status, now)} action={action} state={status.state} testId={testId} />;
}

function describe(status: SyncStatus, now: number): { icon: ReactNode; title: string; detail?: string } {
  const last =
    status.lastSyncedAt === null ? 'Never synced' : `Last synced ${formatAgo(status.lastSyncedAt, now)}`;
  switch (status.state) {
    case 'signed_out':
      return {
        icon: (
          <Icon color="gray">
            <IconLogout size={16} />
          </Icon>
        ),
        title: 'Signed out',
      };
    case 'idle':
      return status.lastSyncedAt === null
        ? {
            icon: (
              <Icon color="gray">
                <IconRefresh size={16} />
              </Icon>
            ),
            title: 'Not synced yet',
          }
        : {
            icon: (
              <Icon color="teal">
                <IconCircleCheck size={16} />
              </Icon>
            ),
            title: `Synced ${formatAgo(status.lastSyncedAt, now)}`,
          };
    case 'syncing':
      if (status.progress === null) return { icon: <Loader size={18} />, title: 'Syncing…' };
      return {
        icon: (
          <RingProgress
            size={26}
            thickness={3}
            roundCaps
            sections={[{ value: status.progress * 100, color: 'blue' }]}
          />
        ),
        title: `Syncing ${Math.round(status.progress * 100)}%`,
        detail: 'Downloading the directory',
      };
    case 'offline':
      return {
        icon: (
          <Icon color="orange">
            <IconCloudOff size={16} />
          </Icon>
        ),
        title: 'Offline — showing saved data',
        detail: [status.nextRetryAt === null ? null : `Retrying ${formatIn(status.nextRetryAt, now)}`, last]
          .filter(Boolean)
          .join(' · '),
      };
    case 'error':
      return { icon: <Warning />, title: 'Sync failed', detail: status.message };
  }
}

function Icon({ color, children }: { color: string; children: ReactNode }) {
  return (
    <ThemeIcon size={26} radius="xl" variant="light" color={color}>
      {children}
    </ThemeIcon>
  );
}

function Warning() {
  return (
    <Icon color="red">
      <IconAlertTriangle size={16} />
    </Icon>
  );
}

interface LineProps {
  icon: ReactNode;
  title: string;
  detail?: string;
  action?: ReactNode;
  state?: SyncStatus['state'];
  testId: string;
}

function StatusLine({ icon, title, detail, action, state, testId }: LineProps) {
  return (
    <Group gap="sm" wrap="nowrap" align="flex-start" data-testid={testId} data-state={state}>
      {icon}
      <Stack gap={4} style={{ minWidth: 0 }}>
        <Text size="sm" fw={500} lh={1.3}>
          {title}
        </Text>
        {detail ? (
          <Text size="xs" c="dimmed" lh={1.3}>
            {detail}
          </Text>
        ) : null}
        {action}
      </Stack>
    </Group>
  );
}
