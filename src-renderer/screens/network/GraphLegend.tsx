import { Box, Group, Paper, Stack, Text } from '@mantine/core';
import type { LegendEntry } from '../../graph/appearance.ts';
import { COMMUNITY_COLOR } from '../../graph/appearance.ts';
import type { ColorBy } from '../../graph/graph-controls.ts';

const TITLES: Record<ColorBy, string> = { department: 'Department', location: 'Site', cluster: 'Cluster' };
const MAX_SHOWN = 10;

/** What the colours mean, most common first; the tail folds into one line. */
export function GraphLegend({
  legend,
  colorBy,
  communities,
}: {
  legend: LegendEntry[];
  colorBy: ColorBy;
  communities: boolean;
}) {
  const shown = legend.slice(0, MAX_SHOWN);
  const rest = legend.slice(MAX_SHOWN).reduce((sum, entry) => sum + entry.count, 0);
  return (
    <Paper
      withBorder
      shadow="xs"
      radius="md"
      p="sm"
      maw={240}
      data-testid="graph-legend"
      style={{
        backdropFilter: 'blur(6px)',
        background: 'color-mix(in srgb, var(--mantine-color-body) 88%, transparent)',
      }}
    >
      <Text size="xs" fw={600} tt="uppercase" c="dimmed" lts={0.4} mb={6}>
        {TITLES[colorBy]}
      </Text>
      <Stack gap={3}>
        {shown.map((entry) => (
          <Swatch key={entry.category} color={entry.color} label={entry.category} count={entry.count} />
        ))}
        {rest ? <Swatch color="#9aa0a6" label="Others" count={rest} /> : null}
        {communities ? <Swatch color={COMMUNITY_COLOR} label="Community" square /> : null}
      </Stack>
    </Paper>
  );
}

function Swatch({
  color,
  label,
  count,
  square,
}: {
  color: string;
  label: string;
  count?: number;
  square?: boolean;
}) {
  return (
    <Group gap={8} wrap="nowrap">
      <Box w={10} h={10} style={{ flex: 'none', background: color, borderRadius: square ? 2 : 999 }} />
      <Text size="xs" truncate="end" style={{ flex: 1 }}>
        {label}
      </Text>
      {count !== undefined ? (
        <Text size="xs" c="dimmed">
          {count}
        </Text>
      ) : null}
    </Group>
  );
}
