import { Badge, Group, Rating, Stack, Table, Text } from '@mantine/core';
import { IconUsersPlus } from '@tabler/icons-react';
import { useState } from 'react';
import type { Connection } from '#shared/domain/connection';
import { keepInTouchDueOn } from '#shared/domain/keep-in-touch';
import type { NetworkEntry, NetworkQuery } from '#shared/domain/network';
import { CenteredEmpty } from '../../components/CenteredEmpty.tsx';
import { QueryBoundary } from '../../components/QueryBoundary.tsx';
import { PersonLink } from '../../components/PersonLink.tsx';
import { useConnections } from '../../hooks/use-network.ts';
import { useNow } from '../../hooks/use-now.ts';
import { CONNECTION_KIND_LABELS, formatDay } from '../../lib/connection-labels.ts';
import { formatCount } from '../../lib/format.ts';
import { toLocalDay } from '#shared/local-day';
import { describeDue, formatCadence } from '../../lib/keep-in-touch.ts';
import { NetworkFilterBar } from './NetworkFilterBar.tsx';

/** The colleagues you have recorded a connection with, sortable and filterable. Works offline. */
export function ConnectionsView() {
  const [query, setQuery] = useState<NetworkQuery>({ sort: 'name', direction: 'asc' });
  const connections = useConnections(query);
  const today = toLocalDay(useNow(60_000));
  const filtered = Boolean(query.kind || query.minStrength || query.department || query.location);

  return (
    <Stack gap="md">
      <Group justify="space-between" align="center" wrap="nowrap">
        <NetworkFilterBar query={query} onChange={setQuery} />
        <Text size="sm" c="dimmed" data-testid="network-total" aria-live="polite" style={{ flex: 'none' }}>
          {connections.data ? formatCount(connections.data.items.length, 'connection') : ' '}
        </Text>
      </Group>
      <QueryBoundary query={connections} errorTitle="Could not read your network">
        {(data) =>
          data.items.length === 0 ? (
            <CenteredEmpty
              icon={<IconUsersPlus size={28} />}
              title={filtered ? 'No connection matches these filters' : 'Your network is empty'}
              description={
                filtered
                  ? 'Clear a filter to see more of your connections.'
                  : "Open a colleague's profile in People and add how you know them: it stays on this computer, private unless you share it."
              }
              testId="network-empty"
            />
          ) : (
            <ConnectionsTable items={data.items} today={today} />
          )
        }
      </QueryBoundary>
    </Stack>
  );
}

function ConnectionsTable({ items, today }: { items: NetworkEntry[]; today: string }) {
  return (
    <Table highlightOnHover verticalSpacing="sm" data-testid="network-table">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Colleague</Table.Th>
          <Table.Th>How you know them</Table.Th>
          <Table.Th>Strength</Table.Th>
          <Table.Th>Last interaction</Table.Th>
          <Table.Th>Keep in touch</Table.Th>
          <Table.Th>Department · site</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {items.map(({ connection, person }) => (
          <Table.Tr key={person.id} data-testid="network-row">
            <Table.Td maw={280}>
              <PersonLink person={person} />
            </Table.Td>
            <Table.Td>
              <Group gap={4}>
                {connection.kinds.map((kind) => (
                  <Badge key={kind} size="sm" variant="light">
                    {CONNECTION_KIND_LABELS[kind]}
                  </Badge>
                ))}
              </Group>
            </Table.Td>
            <Table.Td>
              <Rating
                value={connection.strength}
                readOnly
                size="xs"
                aria-label={`Strength ${connection.strength} of 5`}
              />
            </Table.Td>
            <Table.Td>
              <Text size="sm" c={connection.lastInteractionAt ? undefined : 'dimmed'}>
                {connection.lastInteractionAt ? formatDay(connection.lastInteractionAt) : 'Not recorded'}
              </Text>
            </Table.Td>
            <Table.Td>
              <KeepInTouchBadge connection={connection} today={today} />
            </Table.Td>
            <Table.Td>
              <Text size="sm" c="dimmed">
                {person.department} · {person.location}
              </Text>
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

/** Where the keep-in-touch reminder stands: overdue stands out, the cadence shows on hover. */
function KeepInTouchBadge({ connection, today }: { connection: Connection; today: string }) {
  const dueOn = keepInTouchDueOn(connection, toLocalDay);
  if (connection.keepInTouchDays === null || dueOn === null) {
    return (
      <Text size="sm" c="dimmed">
        —
      </Text>
    );
  }
  const due = describeDue(dueOn, today);
  return (
    <Badge
      size="sm"
      variant={due.state === 'upcoming' ? 'outline' : 'light'}
      color={due.color}
      title={formatCadence(connection.keepInTouchDays)}
      data-testid="keep-in-touch-badge"
      data-state={due.state}
      style={{ minWidth: 'max-content' }}
    >
      {due.label}
    </Badge>
  );
}
