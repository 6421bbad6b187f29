import { Box, Group, Stack, Tabs, Title } from '@mantine/core';
import { IconAffiliate, IconBulb, IconList, IconRoute, IconTable } from '@tabler/icons-react';
import { useState, type ReactNode } from 'react';
import { useLocation } from 'wouter';
import { useEgoGraph } from './use-graph.ts';
import { useGraphModel } from './use-graph-model.ts';
import { useNow } from '../../hooks/use-now.ts';
import { useGraphControls } from './graph-controls-store.ts';
import { toLocalDay } from '#shared/local-day';
import { ConnectionsView } from './ConnectionsView.tsx';
import { GraphWorkspace } from './GraphWorkspace.tsx';
import { InsightsView } from './InsightsView.tsx';
import { IntroductionsView } from './IntroductionsView.tsx';

export const NETWORK_VIEWS = ['graph', 'list', 'insights', 'introduce', 'connections'] as const;
export type NetworkView = (typeof NETWORK_VIEWS)[number];

const TABS: { value: NetworkView; label: string; icon: ReactNode }[] = [
  { value: 'graph', label: 'Graph', icon: <IconAffiliate size={16} /> },
  { value: 'list', label: 'List', icon: <IconTable size={16} /> },
  { value: 'insights', label: 'Insights', icon: <IconBulb size={16} /> },
  { value: 'introduce', label: 'Who can introduce me?', icon: <IconRoute size={16} /> },
  { value: 'connections', label: 'Connections', icon: <IconList size={16} /> },
];

export function parseNetworkView(view: string | undefined): NetworkView {
  return NETWORK_VIEWS.find((v) => v === view) ?? 'graph';
}

/**
 * "My network" (/network/:view?/:id?): your graph, the same as a list, its insights, "who can introduce me"
 * and your connections. Everything is read from the local cache, so it works the same offline.
 */
export function NetworkScreen({ view: rawView, id }: { view?: string; id?: string }) {
  const view = parseNetworkView(rawView);
  const [, navigate] = useLocation();
  const controls = useGraphControls();
  const ego = useEgoGraph(controls.depth);
  const model = useGraphModel(ego.data, controls);
  const today = toLocalDay(useNow(60_000));
  const introduceId = view === 'introduce' && id ? decodeURIComponent(id) : null;
  const [selected, setSelected] = useState<string | null>(null);

  return (
    <Stack gap={0} style={{ flex: '1 1 auto', minHeight: 0 }}>
      <Box pt="lg">
        <Group justify="space-between" align="baseline" mb="xs" px="lg">
          <Title order={1} fz={22}>
            My network
          </Title>
        </Group>
        <Tabs
          value={view}
          onChange={(value) => navigate(value === 'graph' ? '/network' : `/network/${value ?? ''}`)}
          variant="default"
        >
          <Tabs.List px="lg">
            {TABS.map((tab) => (
              <Tabs.Tab
                key={tab.value}
                value={tab.value}
                leftSection={tab.icon}
                data-testid={`network-tab-${tab.value}`}
              >
                {tab.label}
              </Tabs.Tab>
            ))}
          </Tabs.List>
        </Tabs>
      </Box>
      {view === 'graph' || view === 'list' ? (
        <GraphWorkspace
          view={view}
          ego={ego}
          model={model}
          controls={controls}
          today={today}
          selected={selected}
          onSelect={setSelected}
        />
      ) : (
        <Box style={{ flex: '1 1 auto', overflow: 'auto' }} px="lg" py="md">
          {view === 'insights' ? <InsightsView /> : null}
          {view === 'introduce' ? (
            <IntroductionsView
              targetId={introduceId}
              onPick={(personId) => navigate(`/network/introduce/${encodeURIComponent(personId)}`)}
            />
          ) : null}
          {view === 'connections' ? <ConnectionsView /> : null}
        </Box>
      )}
    </Stack>
  );
}
