import { Button, Group, Loader, Paper, Text, Tooltip } from '@mantine/core';
import { IconAlertTriangle, IconRefresh } from '@tabler/icons-react';
import type { GraphModel } from './use-graph-model.ts';
import { useClearLayout } from './use-graph.ts';
import { formatCount } from '../../lib/format.ts';

interface Props {
  model: GraphModel;
  truncated: boolean;
  onRelayout: () => void;
}

/** How many people and ties the graph shows, whether it was cut short, and where the layout stands. */
export function GraphStatus({ model, truncated, onRelayout }: Props) {
  const clear = useClearLayout();
  let people = 0;
  let communities = 0;
  model.visible.forEachNode((_id, { node }) => (node.type === 'person' ? people++ : communities++));
  const running = model.layoutState === 'running';
  return (
    <Paper
      withBorder
      shadow="xs"
      radius="md"
      px="sm"
      py={6}
      w="fit-content"
      style={{
        pointerEvents: 'auto',
        background: 'color-mix(in srgb, var(--mantine-color-body) 90%, transparent)',
      }}
    >
      <Group gap="sm" wrap="nowrap">
        <Text size="sm" data-testid="graph-counts">
          {formatCount(people, 'person', 'people')}
          {communities ? ` · ${formatCount(communities, 'community', 'communities')}` : ''} ·{' '}
          {formatCount(model.visible.size, 'tie')}
        </Text>
        {truncated ? (
          <Tooltip
            label="Your contacts know more people than the graph can show well: it keeps those closest to you."
            multiline
            w={260}
          >
            <Group gap={4} wrap="nowrap" data-testid="graph-truncated">
              <IconAlertTriangle size={14} color="var(--mantine-color-orange-6)" />
              <Text size="sm" c="orange.8">
                Closest shown
              </Text>
            </Group>
          </Tooltip>
        ) : null}
        {model.metricsState === 'running' ? (
          <Group gap={6} wrap="nowrap" data-testid="graph-metrics-state" data-state="running">
            <Loader size={12} />
            <Text size="sm" c="dimmed">
              Measuring who bridges…
            </Text>
          </Group>
        ) : null}
        {model.metricsState === 'failed' ? (
          <Text size="sm" c="red.7" data-testid="graph-metrics-state" data-state="failed">
            Sized by connections: bridging could not be measured
          </Text>
        ) : null}
        <Text size="sm" c="dimmed">
          ·
        </Text>
        {running ? (
          <Group gap={6} wrap="nowrap" data-testid="graph-layout-state" data-state="running">
            <Loader size={12} />
            <Text size="sm" c="dimmed">
              Laying out…
            </Text>
          </Group>
        ) : (
          <Button
            size="compact-sm"
            variant="subtle"
            leftSection={<IconRefresh size={14} />}
            loading={clear.isPending}
            onClick={() => clear.mutate(undefined, { onSuccess: onRelayout })}
            data-testid="graph-relayout"
            data-state={model.layoutState}
            color={model.layoutState === 'failed' ? 'red' : undefined}
          >
            {model.layoutState === 'failed' ? 'Layout failed: try again' : 'Re-run layout'}
          </Button>
        )}
      </Group>
    </Paper>
  );
}
