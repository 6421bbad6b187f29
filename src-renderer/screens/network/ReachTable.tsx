import { Badge, Group, Paper, Progress, Table, Text, Title } from '@mantine/core';
import type { ReachCount } from '#shared/domain/graph';
import { rankReach, summarizeReach } from '../../graph/network-insights.ts';

interface Props {
  title: string;
  noun: { one: string; many: string };
  counts: readonly ReachCount[];
  testId: string;
}

/** Your connections by department or site against the org's size there, the thin spots called out. */
export function ReachTable({ title, noun, counts, testId }: Props) {
  const rows = rankReach(counts);
  return (
    <Paper withBorder radius="lg" p="md" data-testid={testId}>
      <Title order={3} fz="sm" tt="uppercase" c="dimmed" fw={600} lts={0.4} mb={4}>
        {title}
      </Title>
      <Text size="sm" mb="sm">
        {summarizeReach(rows, noun)}
      </Text>
      <Table verticalSpacing={6} horizontalSpacing="xs" fz="sm">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{noun.one[0]?.toUpperCase() + noun.one.slice(1)}</Table.Th>
            <Table.Th ta="right" style={{ whiteSpace: 'nowrap' }}>
              You know
            </Table.Th>
            <Table.Th w="30%">Share</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((row) => (
            <Table.Tr key={row.value} data-reach={row.reach}>
              <Table.Td>
                <Group gap={6} wrap="nowrap">
                  <Text size="sm" truncate="end">
                    {row.value || 'Not set'}
                  </Text>
                  {row.reach === 'none' ? (
                    <Badge size="xs" color="red" variant="light" style={{ flex: 'none' }}>
                      no one
                    </Badge>
                  ) : row.reach === 'few' ? (
                    <Badge size="xs" color="orange" variant="light" style={{ flex: 'none' }}>
                      thin
                    </Badge>
                  ) : null}
                </Group>
              </Table.Td>
              <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
                <Text size="sm" span fw={600}>
                  {row.known}
                </Text>
                <Text size="xs" span c="dimmed">
                  {' '}
                  / {row.total.toLocaleString('en')}
                </Text>
              </Table.Td>
              <Table.Td>
                <Progress
                  value={row.share * 100}
                  color={row.reach === 'ok' ? 'indigo' : row.reach === 'few' ? 'orange' : 'red'}
                  size="sm"
                  radius="xl"
                  aria-label={`You know ${Math.round(row.share * 1000) / 10}% of ${row.value}`}
                />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Paper>
  );
}
