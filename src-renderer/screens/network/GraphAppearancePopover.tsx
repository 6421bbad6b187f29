import { Button, Popover, SegmentedControl, Stack, Switch, Text } from '@mantine/core';
import { IconPalette } from '@tabler/icons-react';
import type { ColorBy, GraphControls, SizeBy } from '../../graph/graph-controls.ts';
import { changeGraphControls } from './graph-controls-store.ts';

const COLOR_LABELS: Record<ColorBy, string> = {
  department: 'department',
  location: 'site',
  cluster: 'cluster',
};

/** Colour by, size by and whether community nodes show: how the graph looks, not what it holds. */
export function GraphAppearancePopover({ controls }: { controls: GraphControls }) {
  return (
    <Popover position="bottom-start" shadow="md" width={300}>
      <Popover.Target>
        <Button
          variant="default"
          size="sm"
          leftSection={<IconPalette size={16} />}
          data-testid="graph-appearance"
        >
          Colour: {COLOR_LABELS[controls.colorBy]}
        </Button>
      </Popover.Target>
      <Popover.Dropdown>
        <Stack gap="md">
          <Segments
            label="Colour by"
            data={[
              { value: 'department', label: 'Department' },
              { value: 'location', label: 'Site' },
              { value: 'cluster', label: 'Cluster' },
            ]}
            value={controls.colorBy}
            onChange={(value) => changeGraphControls({ type: 'setColorBy', colorBy: value as ColorBy })}
          />
          <Segments
            label="Size by"
            data={[
              { value: 'degree', label: 'Connections' },
              { value: 'betweenness', label: 'Bridging' },
            ]}
            value={controls.sizeBy}
            onChange={(value) => changeGraphControls({ type: 'setSizeBy', sizeBy: value as SizeBy })}
            hint={
              controls.sizeBy === 'degree'
                ? 'Bigger: tied to more people in the graph.'
                : 'Bigger: on more of the shortest paths between others.'
            }
          />
          <Switch
            label="Show communities"
            description="Your communities, tied to their members"
            checked={controls.showCommunities}
            onChange={(event) =>
              changeGraphControls({ type: 'setShowCommunities', show: event.currentTarget.checked })
            }
          />
        </Stack>
      </Popover.Dropdown>
    </Popover>
  );
}

interface SegmentsProps {
  label: string;
  data: { value: string; label: string }[];
  value: string;
  onChange: (value: string) => void;
  hint?: string;
}

/** One of the popover's choices: its label above, the options side by side, a hint below. */
function Segments({ label, data, value, onChange, hint }: SegmentsProps) {
  return (
    <Stack gap={4}>
      <Text size="sm" fw={500}>
        {label}
      </Text>
      <SegmentedControl
        fullWidth
        size="xs"
        aria-label={label}
        data={data}
        value={value}
        onChange={onChange}
      />
      {hint ? (
        <Text size="xs" c="dimmed">
          {hint}
        </Text>
      ) : null}
    </Stack>
  );
}
