import { Box, Button, Center, EmptyState, Group, Loader, Stack } from '@mantine/core';
import { IconUsersPlus } from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import { useLocation } from 'wouter';
import type { EgoGraph } from '#shared/domain/graph';
import type { PersonSummary } from '#shared/domain/person';
import { InlineError } from '../../components/InlineError.tsx';
import type { GraphControls } from '../../graph/graph-controls.ts';
import type { GraphModel } from './use-graph-model.ts';
import { graphFilterOptions } from '../../graph/graph-filter-options.ts';
import { GraphExportMenu } from './GraphExportMenu.tsx';
import { GraphTableView } from './GraphTableView.tsx';
import { GraphToolbar } from './GraphToolbar.tsx';
import { GraphView, type CanvasApi } from './GraphView.tsx';
import { NodePanel } from './NodePanel.tsx';

interface Props {
  view: 'graph' | 'list';
  ego: { data?: EgoGraph; error: Error | null; refetch: () => unknown };
  model: GraphModel;
  controls: GraphControls;
  today: string;
  /** The node whose panel is open: kept by the screen, so it survives a visit to another tab. */
  selected: string | null;
  onSelect: (id: string | null) => void;
}

/** The graph and its list view share the toolbar, the selection and the side panel. */
export function GraphWorkspace({
  view,
  ego,
  model,
  controls,
  today,
  selected,
  onSelect: setSelected,
}: Props) {
  const [, navigate] = useLocation();
  const [search, setSearch] = useState('');
  const [focusId, setFocusId] = useState<string | null>(null);
  const [canvas, setCanvas] = useState<CanvasApi | null>(null);
  const options = useMemo(() => graphFilterOptions(ego.data), [ego.data]);
  const people = useMemo(() => {
    const list: PersonSummary[] = [];
    model.visible.forEachNode((_id, { node }) => {
      if (node.type === 'person') list.push(node.person);
    });
    return list.sort((a, b) => a.name.localeCompare(b.name));
  }, [model.visible]);

  if (ego.error) {
    return (
      <Center p="xl">
        <InlineError
          title="Could not read your network"
          error={ego.error}
          onRetry={() => void ego.refetch()}
        />
      </Center>
    );
  }
  if (!ego.data) {
    return (
      <Center style={{ flex: 1 }}>
        <Loader />
      </Center>
    );
  }
  if (ego.data.nodes.length <= 1) {
    return (
      <Center style={{ flex: 1 }} p="xl">
        <EmptyState
          icon={<IconUsersPlus size={28} />}
          title="Your network is empty"
          description="Open a colleague’s profile in People and add how you know them: your graph grows from the people you know, and from the people they know."
          data-testid="graph-empty"
        >
          <Button variant="light" onClick={() => navigate('/people')}>
            Open People
          </Button>
        </EmptyState>
      </Center>
    );
  }
  const panelNode =
    selected !== null && ego.data.nodes.some((node) => node.id === selected) ? selected : null;
  return (
    <Stack gap={0} style={{ flex: '1 1 auto', minHeight: 0 }}>
      <GraphToolbar
        controls={controls}
        options={options}
        people={people}
        search={search}
        onSearch={setSearch}
        onFind={(person) => {
          setSearch('');
          setFocusId(person.id);
          setSelected(person.id);
        }}
        end={
          <GraphExportMenu
            graph={model.visible}
            render={model.render}
            exportPng={view === 'graph' && canvas ? () => canvas.exportPng() : null}
          />
        }
      />
      <Group gap={0} align="stretch" wrap="nowrap" style={{ flex: '1 1 auto', minHeight: 0 }}>
        <Box style={{ flex: '1 1 auto', minWidth: 0, display: 'flex', flexDirection: 'column' }}>
          {view === 'graph' ? (
            <GraphView
              model={model}
              controls={controls}
              truncated={ego.data.truncated}
              hasConnections={ego.data.edges.some((edge) => edge.type === 'connection')}
              hasCommunities={options.communities.length > 0}
              selectedId={selected}
              focusId={focusId}
              onSelect={setSelected}
              onReady={setCanvas}
            />
          ) : (
            <GraphTableView model={model} selectedId={selected} onSelect={setSelected} />
          )}
        </Box>
        {panelNode !== null ? (
          <NodePanel ego={ego.data} nodeId={panelNode} today={today} onClose={() => setSelected(null)} />
        ) : null}
      </Group>
    </Stack>
  );
}
