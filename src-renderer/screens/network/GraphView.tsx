import { Alert, Box, Button, Stack, useComputedColorScheme } from '@mantine/core';
import { IconInfoCircle } from '@tabler/icons-react';
import type { GraphControls } from '../../graph/graph-controls.ts';
import type { GraphModel } from './use-graph-model.ts';
import { changeGraphControls } from './graph-controls-store.ts';
import { GraphCanvas } from './GraphCanvas.tsx';
import { GraphLegend } from './GraphLegend.tsx';
import { GraphStatus } from './GraphStatus.tsx';

export interface CanvasApi {
  exportPng(): Promise<string>;
  fitView(): void;
}

interface Props {
  model: GraphModel;
  controls: GraphControls;
  truncated: boolean;
  hasConnections: boolean;
  hasCommunities: boolean;
  selectedId: string | null;
  focusId: string | null;
  onSelect: (id: string | null) => void;
  onReady: (api: CanvasApi) => void;
}

/** The canvas filling the space, with the counts, layout state, notes and legend floating over it. */
export function GraphView(props: Props) {
  const { model, controls } = props;
  const dark = useComputedColorScheme('light') === 'dark';
  return (
    <Box
      pos="relative"
      style={{ flex: '1 1 auto', minHeight: 0 }}
      bg={dark ? 'var(--mantine-color-dark-8)' : 'var(--mantine-color-gray-0)'}
    >
      <GraphCanvas
        graph={model.render}
        selectedNodeId={props.selectedId}
        focusNodeId={props.focusId}
        onSelectNode={props.onSelect}
        onReady={props.onReady}
      />
      <Stack gap="xs" pos="absolute" top={12} left={16} maw={480} style={{ pointerEvents: 'none' }}>
        <GraphStatus model={model} truncated={props.truncated} onRelayout={model.relayout} />
        {props.hasConnections ? null : (
          <Alert
            variant="light"
            icon={<IconInfoCircle />}
            style={{ pointerEvents: 'auto' }}
            data-testid="graph-no-connections"
          >
            You have not added any connections yet: this is your reporting line and your communities. Open a
            colleague in People and add how you know them.
          </Alert>
        )}
        {model.visible.order <= 1 ? (
          <Alert variant="light" color="yellow" style={{ pointerEvents: 'auto' }}>
            No one matches these filters.{' '}
            <Button
              size="compact-xs"
              variant="subtle"
              onClick={() => changeGraphControls({ type: 'clearFilters' })}
            >
              Clear filters
            </Button>
          </Alert>
        ) : null}
      </Stack>
      <Box pos="absolute" bottom={16} left={16}>
        <GraphLegend
          legend={model.legend}
          colorBy={controls.colorBy}
          communities={controls.showCommunities && props.hasCommunities}
        />
      </Box>
    </Box>
  );
}
