import { Alert, Button, Stack, Text } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';

interface Props {
  title: string;
  error: Error;
  onRetry?: () => void;
}

export function InlineError({ title, error, onRetry }: Props) {
  return (
    <Alert variant="light" color="red" title={title} icon={<IconAlertTriangle />} maw={560} w="100%">
      <Stack gap="sm">
        <Text size="sm">{error.message}</Text>
        {onRetry ? (
          <Button size="xs" variant="light" color="red" w="fit-content" onClick={onRetry}>
            Try again
          </Button>
        ) : null}
      </Stack>
    </Alert>
  );
}
