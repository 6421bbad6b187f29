import { Alert, Button, Popover, Stack, Text } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useDismissRejected, useRejectedWrites } from '../hooks/use-network.ts';
import { formatCount } from '../lib/format.ts';

/** Local changes the server refused (undone on this computer), each with the server's reason, until dismissed. */
export function RejectedWrites() {
  const rejected = useRejectedWrites();
  const dismiss = useDismissRejected();
  const items = rejected.data ?? [];
  if (items.length === 0) return null;
  return (
    <Popover position="right-end" width={320} withArrow>
      <Popover.Target>
        <Button
          variant="light"
          color="red"
          size="compact-sm"
          leftSection={<IconAlertTriangle size={14} />}
          data-testid="rejected-writes"
          fullWidth
        >
          {formatCount(items.length, 'change', 'changes')} not saved
        </Button>
      </Popover.Target>
      <Popover.Dropdown>
        <Stack gap="xs">
          <Text size="xs" c="dimmed">
            The server refused these changes, so they were undone on this computer.
          </Text>
          {items.map((item) => (
            <Alert
              key={item.mutationId}
              color="red"
              title={item.description}
              withCloseButton
              closeButtonLabel="Dismiss"
              onClose={() => dismiss.mutate(item.mutationId)}
            >
              {item.reason}
            </Alert>
          ))}
        </Stack>
      </Popover.Dropdown>
    </Popover>
  );
}
