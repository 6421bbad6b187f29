import { Group, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';

interface Props {
  title: string;
  /** "1,234 people"; blank while unknown. */
  count: ReactNode;
  countTestId: string;
  /** The count is about to change (a search is running). */
  busy?: boolean;
  /** Search boxes and filters, under the title. */
  children?: ReactNode;
}

/** The top of every list screen: title, count, and the controls that shape the list. */
export function ScreenHeader({ title, count, countTestId, busy, children }: Props) {
  return (
    <Stack gap="sm" p="lg" pb="md" style={{ borderBottom: '1px solid var(--mantine-color-default-border)' }}>
      <Group justify="space-between" align="baseline">
        <Title order={1} fz={22}>
          {title}
        </Title>
        <Text size="sm" c="dimmed" data-testid={countTestId} aria-live="polite" aria-busy={busy}>
          {count ?? ' '}
        </Text>
      </Group>
      {children}
    </Stack>
  );
}
