import { Badge, Button, CloseButton, Group, Paper, ScrollArea, Stack, Text, Title } from '@mantine/core';
import { IconUsersGroup } from '@tabler/icons-react';
import { useLocation } from 'wouter';
import type { EgoGraph, GraphCommunityNode } from '#shared/domain/graph';
import { communityHref } from '../../components/communities/CommunityCard.tsx';
import { COMMUNITY_KIND_COLORS, COMMUNITY_KIND_LABELS } from '../../lib/community-labels.ts';
import { formatCount } from '../../lib/format.ts';
import { findGraphNode, knownNeighbours } from '../../graph/graph-neighbours.ts';
import { PersonNodePanel } from './PersonNodePanel.tsx';

interface Props {
  ego: EgoGraph;
  nodeId: string;
  today: string;
  onClose: () => void;
}

/** The right-hand panel for the node picked in the graph or the list. */
export function NodePanel({ ego, nodeId, today, onClose }: Props) {
  const node = findGraphNode(ego, nodeId);
  return (
    <Paper
      component="aside"
      aria-label="Selected in the graph"
      w={360}
      radius={0}
      data-testid="graph-node-panel"
      style={{
        flex: 'none',
        borderLeft: '1px solid var(--mantine-color-default-border)',
        display: 'flex',
        flexDirection: 'column',
      }}
    >
      <Group justify="flex-end" px="xs" pt="xs">
        <CloseButton aria-label="Close the panel" onClick={onClose} />
      </Group>
      <ScrollArea style={{ flex: '1 1 auto' }} type="auto">
        <Stack px="lg" pb="lg">
          {node === null ? (
            <Text size="sm" c="dimmed">
              No longer in your graph.
            </Text>
          ) : node.type === 'person' ? (
            <PersonNodePanel
              key={node.id}
              node={node}
              mutuals={knownNeighbours(ego, node.id)}
              today={today}
            />
          ) : (
            <CommunityNodePanel node={node} />
          )}
        </Stack>
      </ScrollArea>
    </Paper>
  );
}

function CommunityNodePanel({ node }: { node: GraphCommunityNode }) {
  const [, navigate] = useLocation();
  return (
    <Stack gap="md">
      <Group gap="md" wrap="nowrap">
        <IconUsersGroup
          size={40}
          stroke={1.4}
          color={`var(--mantine-color-${COMMUNITY_KIND_COLORS[node.kind]}-6)`}
        />
        <Stack gap={4}>
          <Title order={2} fz="lg" data-testid="panel-name">
            {node.name}
          </Title>
          <Group gap={6}>
            <Badge size="sm" variant="light" color={COMMUNITY_KIND_COLORS[node.kind]}>
              {COMMUNITY_KIND_LABELS[node.kind]}
            </Badge>
            <Text size="sm" c="dimmed">
              {formatCount(node.memberCount, 'member')}
            </Text>
          </Group>
        </Stack>
      </Group>
      <Text size="sm" c="dimmed">
        A community you belong to; its lines join the people in your graph who are members too.
      </Text>
      <Button
        size="xs"
        variant="light"
        w="fit-content"
        onClick={() => navigate(communityHref(node.communityId))}
      >
        Open community
      </Button>
    </Stack>
  );
}
