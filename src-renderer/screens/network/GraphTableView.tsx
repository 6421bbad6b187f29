import { Anchor, Badge, Box, Group, Table, Text } from '@mantine/core';
import { useMemo, type KeyboardEvent, type MouseEvent } from 'react';
import { Link } from 'wouter';
import type { GraphModel } from './use-graph-model.ts';
import { formatCount } from '../../lib/format.ts';
import { buildGraphTableRows, describeGraphTie, type GraphTableRow } from '../../graph/graph-table-rows.ts';
import { PersonAvatar } from '../../components/PersonAvatar.tsx';
import { DEPTH_LABELS } from './PersonNodePanel.tsx';
import { personHref } from '../../components/PersonLink.tsx';

const TIES_SHOWN = 3;

interface Props {
  model: GraphModel;
  selectedId: string | null;
  onSelect: (id: string) => void;
}

/**
 * Everything the graph shows, as a table a keyboard and a screen reader can walk: each row is a tab stop;
 * Enter or a click opens it in the side panel, the name opens the profile.
 */
export function GraphTableView({ model, selectedId, onSelect }: Props) {
  const rows = useMemo(
    () => buildGraphTableRows(model.visible, model.clusters.byNode),
    [model.visible, model.clusters],
  );
  const onKey = (row: GraphTableRow) => (event: KeyboardEvent) => {
    if (event.target !== event.currentTarget) return;
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      onSelect(row.id);
    }
  };
  return (
    <Box style={{ flex: '1 1 auto', minHeight: 0, display: 'flex', flexDirection: 'column' }}>
      <Text size="sm" c="dimmed" px="lg" pt="sm" pb={4}>
        {formatCount(rows.length, 'node')} and {formatCount(model.visible.size, 'tie')}, with the graph’s
        filters. Enter opens one in the side panel.
      </Text>
      <Box style={{ flex: '1 1 auto', overflow: 'auto' }} px="lg" pb="md">
        <Table
          stickyHeader
          highlightOnHover
          verticalSpacing="xs"
          data-testid="graph-table"
          aria-label="People and communities in your graph"
        >
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Name</Table.Th>
              <Table.Th>Degree</Table.Th>
              <Table.Th>Department · site</Table.Th>
              <Table.Th ta="right">Cluster</Table.Th>
              <Table.Th ta="right">Ties</Table.Th>
              <Table.Th miw={260}>With</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((row) => {
              const { node } = row;
              const name = node.type === 'person' ? node.person.name : node.name;
              const ties = row.ties.map(describeGraphTie);
              return (
                <Table.Tr
                  key={row.id}
                  tabIndex={0}
                  aria-selected={row.id === selectedId}
                  bg={row.id === selectedId ? 'var(--mantine-primary-color-light)' : undefined}
                  onClick={() => onSelect(row.id)}
                  onKeyDown={onKey(row)}
                  style={{ cursor: 'pointer' }}
                  data-testid="graph-table-row"
                  data-node-id={row.id}
                >
                  <Table.Td>
                    <Group gap="sm" wrap="nowrap">
                      {node.type === 'person' ? (
                        <PersonAvatar id={node.person.id} name={name} size="sm" />
                      ) : null}
                      <Box style={{ minWidth: 0 }}>
                        {node.type === 'person' ? (
                          <Anchor
                            component={Link}
                            href={personHref(node.person.id)}
                            size="sm"
                            fw={600}
                            onClick={(event: MouseEvent) => event.stopPropagation()}
                          >
                            {name}
                          </Anchor>
                        ) : (
                          <Text size="sm" fw={600}>
                            {name}
                          </Text>
                        )}
                        <Text size="xs" c="dimmed" truncate="end" maw={220}>
                          {node.type === 'person' ? node.person.title : 'Community'}
                        </Text>
                      </Box>
                    </Group>
                  </Table.Td>
                  <Table.Td>
                    {row.depth === null ? (
                      <Text size="sm" c="dimmed">
                        —
                      </Text>
                    ) : (
                      <Badge
                        size="sm"
                        variant={row.depth === 0 ? 'filled' : 'light'}
                        color={row.depth === 2 ? 'gray' : 'indigo'}
                      >
                        {DEPTH_LABELS[row.depth]}
                      </Badge>
                    )}
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{node.type === 'person' ? node.person.department : '—'}</Text>
                    <Text size="xs" c="dimmed">
                      {node.type === 'person' ? node.person.location : ''}
                    </Text>
                  </Table.Td>
                  <Table.Td ta="right">
                    <Text size="sm">{row.cluster === null ? '—' : row.cluster + 1}</Text>
                  </Table.Td>
                  <Table.Td ta="right">
                    <Text size="sm">{row.degree}</Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="xs" c="dimmed" lineClamp={2} title={ties.join('\n')}>
                      {ties.slice(0, TIES_SHOWN).join(' · ')}
                      {ties.length > TIES_SHOWN ? ` · and ${ties.length - TIES_SHOWN} more` : ''}
                    </Text>
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </Box>
    </Box>
  );
}
