import { Box, Group, Stack } from '@mantine/core';
import { IconUsersPlus } from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import { useLocation } from 'wouter';
import type { EgoGraph } from '#shared/domain/graph';
import type { PersonSummary } from '#shared/domain/person';
import { CenteredEmpty } from '../../components/CenteredEmpty.tsx';
import { CenteredLoader, QueryBoundary, type QueryState } from '../../components/QueryBoundary.tsx';
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
  ego: QueryState<EgoGraph>;
  model: GraphModel;
  controls: GraphControls;
  today: string;
  /** The node whose panel is open: kept by the screen, so it survives a visit to another tab. */
  selected: string | null;
  onSelect: (id: string | null) => void;
}

/** The graph and its list view share the toolbar, the selection and the side panel. */
export function GraphWorkspace({ ego, ...props }: Props) {
  const [, navigate] = useLocation();
  return (
    <QueryBoundary
      query={ego}
      errorTitle="Could not read your network"
      center={{ p: 'xl' }}
      loading={<CenteredLoader style={{ flex: 1 }} />}
    >
      {(data) =>
        data.nodes.length <= 1 ? (
          <CenteredEmpty
            style={{ flex: 1 }}
            px="xl"
            icon={<IconUsersPlus size={28} />}
            title="Your network is empty"
            description="Open a colleague’s profile in People and add how you know them: your graph grows from the people you know, and from the people they know."
            testId="graph-empty"
            action={{ label: 'Open People', onClick: () => navigate('/people') }}
          />
        ) : (
          <Workspace ego={data} {...props} />
        )
      }
    </QueryBoundary>
  );
}

function Workspace({
  view,
  ego,
  model,
  controls,
  today,
  selected,
  onSelect: setSelected,
}: Omit<Props, 'ego'> & { ego: EgoGraph }) {
  const [search, setSearch] = useState('');
  const [focusId, setFocusId] = useState<string | null>(null);
  const [canvas, setCanvas] = useState<CanvasApi | null>(null);
  const options = useMemo(() => graphFilterOptions(ego), [ego]);
  const people = useMemo(() => {
    const list: PersonSummary[] = [];
    model.visible.forEachNode((_id, { node }) => {
      if (node.type === 'person') list.push(node.person);
    });
    return list.sort((a, b) => a.name.localeCompare(b.name));
  }, [model.visible]);
  const panelNode = selected !== null && ego.nodes.some((node) => node.id === selected) ? selected : null;
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
              truncated={ego.truncated}
              hasConnections={ego.edges.some((edge) => edge.type === 'connection')}
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
          <NodePanel ego={ego} nodeId={panelNode} today={today} onClose={() => setSelected(null)} />
        ) : null}
      </Group>
    </Stack>
  );
}
