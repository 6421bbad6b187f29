import { Button, CloseButton, Group, Text, ThemeIcon } from '@mantine/core';
import { IconDownload } from '@tabler/icons-react';
import { useState } from 'react';
import { useRestartToUpdate, useUpdateStatus } from '../hooks/use-settings.ts';

/** The version whose banner was dismissed: it stays hidden until the app restarts (or a newer one is ready). */
let dismissedVersion: string | null = null;

/** "Kith 1.4.0 is ready — Restart to update", over every screen once an update has downloaded. */
export function UpdateBanner() {
  const status = useUpdateStatus();
  const restart = useRestartToUpdate();
  const [dismissed, setDismissed] = useState(dismissedVersion);
  const data = status.data;
  if (data?.state !== 'ready' || dismissed === data.version) return null;
  const dismiss = () => {
    dismissedVersion = data.version;
    setDismissed(data.version);
  };

  return (
    <Group
      gap="sm"
      wrap="nowrap"
      px="lg"
      py={8}
      role="status"
      data-testid="update-banner"
      style={{
        flex: 'none',
        background: 'var(--mantine-color-indigo-light)',
        borderBottom: '1px solid var(--mantine-color-default-border)',
      }}
    >
      <ThemeIcon size={24} radius="xl" variant="filled" color="indigo">
        <IconDownload size={14} />
      </ThemeIcon>
      <Text size="sm" fw={500} style={{ flex: 1 }}>
        Kith {data.version} is ready
        {restart.error ? (
          <Text component="span" size="sm" c="red" ml="sm">
            {restart.error.message}
          </Text>
        ) : null}
      </Text>
      <Button size="compact-sm" loading={restart.isPending} onClick={() => restart.mutate()}>
        Restart to update
      </Button>
      <CloseButton size="sm" aria-label="Dismiss until Kith restarts" onClick={dismiss} />
    </Group>
  );
}
