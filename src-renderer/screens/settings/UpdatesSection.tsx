import { Button, Center, Group, Loader, SegmentedControl, Stack, Text, ThemeIcon } from '@mantine/core';
import {
  IconAlertTriangle,
  IconCircleCheck,
  IconDownload,
  IconInfoCircle,
  IconRefresh,
  IconRocket,
} from '@tabler/icons-react';
import type { UpdateChannel, SettingsView } from '#shared/domain/settings';
import type { UpdateStatus } from '#shared/domain/updates';
import { QueryBoundary } from '../../components/QueryBoundary.tsx';
import { useNow } from '../../hooks/use-now.ts';
import {
  useCheckForUpdates,
  useRestartToUpdate,
  useUpdateSettings,
  useUpdateStatus,
} from '../../hooks/use-settings.ts';
import { describeUpdateStatus, type UpdateStatusWords } from '../../lib/update-labels.ts';
import { SettingRow, SettingsSection } from './SettingsSection.tsx';

const CHANNELS: { value: UpdateChannel; label: string }[] = [
  { value: 'stable', label: 'Stable' },
  { value: 'beta', label: 'Beta' },
];

/** Which releases this computer takes, where the update stands, and the buttons to move it along. */
export function UpdatesSection({ view }: { view: SettingsView }) {
  const status = useUpdateStatus();
  const save = useUpdateSettings();
  const channel = save.isPending
    ? (save.variables.updateChannel ?? view.settings.updateChannel)
    : view.settings.updateChannel;

  return (
    <SettingsSection title="Updates" icon={<IconRocket size={18} />} testId="settings-updates">
      <SettingRow
        testId="settings-update-channel"
        title="Update channel"
        description="Stable gets tested releases; Beta gets new features first, with pre-releases."
        error={save.error?.message}
        control={(a11y) => (
          <SegmentedControl
            {...a11y}
            data={CHANNELS}
            value={channel}
            onChange={(value) => save.mutate({ updateChannel: value as UpdateChannel })}
            data-testid="settings-update-channel-control"
          />
        )}
      />
      <QueryBoundary
        query={status}
        errorTitle="Could not read the update status"
        loading={<Loader size="sm" my="md" />}
      >
        {(data) => <StatusRow status={data} />}
      </QueryBoundary>
    </SettingsSection>
  );
}

function StatusRow({ status }: { status: UpdateStatus }) {
  const now = useNow(30_000);
  const check = useCheckForUpdates();
  const restart = useRestartToUpdate();
  const words = describeUpdateStatus(status, now);
  const busy = status.state === 'checking' || status.state === 'downloading';

  return (
    <SettingRow
      testId="settings-update-status"
      title={
        <Group gap="sm" wrap="nowrap" component="span">
          <StatusIcon tone={words.tone} />
          <Stack gap={0} component="span">
            <Text component="span" size="sm" fw={500} data-testid="update-status-title">
              {words.title}
            </Text>
            {words.detail ? (
              <Text component="span" size="sm" c="dimmed" data-testid="update-status-detail">
                {words.detail}
              </Text>
            ) : null}
          </Stack>
        </Group>
      }
      error={check.error?.message ?? restart.error?.message}
      control={
        status.state === 'ready' ? (
          <Button
            leftSection={<IconDownload size={16} />}
            loading={restart.isPending}
            onClick={() => restart.mutate()}
            data-testid="settings-restart-to-update"
          >
            Restart to update
          </Button>
        ) : (
          <Button
            variant="default"
            leftSection={<IconRefresh size={16} />}
            loading={check.isPending || busy}
            disabled={status.state === 'disabled'}
            title={status.state === 'disabled' ? status.reason : undefined}
            onClick={() => check.mutate()}
            data-testid="settings-check-updates"
          >
            Check for updates
          </Button>
        )
      }
    />
  );
}

const TONE_ICONS = {
  off: { color: 'gray', Icon: IconInfoCircle },
  ok: { color: 'teal', Icon: IconCircleCheck },
  ready: { color: 'indigo', Icon: IconDownload },
  error: { color: 'red', Icon: IconAlertTriangle },
} as const;

function StatusIcon({ tone }: { tone: UpdateStatusWords['tone'] }) {
  if (tone === 'busy') {
    return (
      <Center w={28} h={28}>
        <Loader size={18} />
      </Center>
    );
  }
  const { color, Icon } = TONE_ICONS[tone];
  return (
    <ThemeIcon size={28} radius="xl" variant="light" color={color}>
      <Icon size={16} />
    </ThemeIcon>
  );
}
