import { Group, Paper, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { useId, type ReactNode } from 'react';
import classes from './Settings.module.css';

interface SectionProps {
  title: string;
  description?: ReactNode;
  icon: ReactNode;
  testId: string;
  children: ReactNode;
}

/** One card of the Settings screen: an icon and a title over its rows. */
export function SettingsSection({ title, description, icon, testId, children }: SectionProps) {
  const titleId = useId();
  return (
    <Paper
      component="section"
      withBorder
      radius="lg"
      p="lg"
      aria-labelledby={titleId}
      data-testid={testId}
      id={testId}
    >
      <Group gap="sm" wrap="nowrap" align="flex-start" mb="xs">
        <ThemeIcon size={32} radius="md" variant="light">
          {icon}
        </ThemeIcon>
        <Stack gap={0} style={{ minWidth: 0 }}>
          <Title order={2} fz={17} id={titleId} lh={1.3}>
            {title}
          </Title>
          {description ? (
            <Text size="sm" c="dimmed">
              {description}
            </Text>
          ) : null}
        </Stack>
      </Group>
      <div>{children}</div>
    </Paper>
  );
}

/** How a row's control names itself after the row's title and description. */
export interface RowA11y {
  'aria-labelledby': string;
  'aria-describedby'?: string;
}

interface RowProps {
  title: ReactNode;
  description?: ReactNode;
  /** The control on the right; a function gets the ids to label itself with. */
  control?: ReactNode | ((a11y: RowA11y) => ReactNode);
  /** What the last save of this row's control said went wrong. */
  error?: string | null;
  testId?: string;
  /** Under the title and the control: inputs a switch reveals, a confirmation. */
  children?: ReactNode;
}

/** A setting: its name and what it does on the left, its control on the right, its error beneath. */
export function SettingRow({ title, description, control, error, testId, children }: RowProps) {
  const labelId = useId();
  const descriptionId = useId();
  const a11y: RowA11y = {
    'aria-labelledby': labelId,
    ...(description ? { 'aria-describedby': descriptionId } : {}),
  };
  return (
    <div className={classes.row} data-testid={testId}>
      <Group justify="space-between" wrap="nowrap" align="center" gap="lg">
        <Stack gap={2} style={{ minWidth: 0, flex: 1 }}>
          <Text size="sm" fw={500} id={labelId}>
            {title}
          </Text>
          {description ? (
            <Text size="sm" c="dimmed" id={descriptionId} component="div">
              {description}
            </Text>
          ) : null}
        </Stack>
        {control ? (
          <Group gap="xs" wrap="nowrap" style={{ flexShrink: 0 }}>
            {typeof control === 'function' ? control(a11y) : control}
          </Group>
        ) : null}
      </Group>
      {children}
      {error ? (
        <Text size="sm" c="red" mt={6} role="alert" data-testid={testId ? `${testId}-error` : undefined}>
          {error}
        </Text>
      ) : null}
    </div>
  );
}
