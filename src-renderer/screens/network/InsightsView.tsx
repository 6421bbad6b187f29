import { Badge, Box, Button, Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { IconRoute } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useLocation } from 'wouter';
import type { NetworkInsights } from '#shared/domain/graph';
import { QueryBoundary } from '../../components/QueryBoundary.tsx';
import { PersonLink } from '../../components/PersonLink.tsx';
import { useNetworkInsights } from './use-graph.ts';
import { listInWords } from '../../graph/network-insights.ts';
import { ReachTable } from './ReachTable.tsx';

/** Where your network is thin, who bridges to departments you don't reach, and whom to meet next. */
export function InsightsView() {
  const insights = useNetworkInsights();
  const [, navigate] = useLocation();
  const introduce = (id: string) => navigate(`/network/introduce/${encodeURIComponent(id)}`);

  return (
    <QueryBoundary query={insights} errorTitle="Could not work out your insights">
      {(data) => <Insights insights={data} onIntroduce={introduce} />}
    </QueryBoundary>
  );
}

function Insights({
  insights,
  onIntroduce,
}: {
  insights: NetworkInsights;
  onIntroduce: (id: string) => void;
}) {
  const { byDepartment, bySite, bridges, peopleToMeet } = insights;
  return (
    <Stack gap="lg" data-testid="network-insights">
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
        <ReachTable
          title="By department"
          noun={{ one: 'department', many: 'departments' }}
          counts={byDepartment}
          testId="reach-departments"
        />
        <ReachTable
          title="By site"
          noun={{ one: 'site', many: 'sites' }}
          counts={bySite}
          testId="reach-sites"
        />
      </SimpleGrid>
      <Section
        title="Bridges"
        hint="People you know whose connections reach departments none of yours do: ask them for an introduction there."
        empty="No bridges yet: as the people you know share their connections, the ones who reach further show here."
        count={bridges.length}
      >
        {bridges.map((bridge) => (
          <Row key={bridge.person.id} testId="bridge" lead={<PersonLink person={bridge.person} />}>
            <Text size="sm" c="dimmed" style={{ flex: 1 }}>
              Reaches {listInWords(bridge.reaches, 3)}
              {bridge.reachCount
                ? ` · knows ${bridge.reachCount} ${bridge.reachCount === 1 ? 'person' : 'people'} there`
                : ''}
            </Text>
            <Group gap={4}>
              {bridge.reaches.slice(0, 3).map((d) => (
                <Badge key={d} size="sm" variant="light" color="grape">
                  {d}
                </Badge>
              ))}
            </Group>
          </Row>
        ))}
      </Section>
      <Section
        title="People to meet"
        hint="Colleagues who share your skills or communities, or work where you know few people."
        empty="No suggestions yet: add your skills and join communities to get some."
        count={peopleToMeet.length}
      >
        {peopleToMeet.map((suggestion) => (
          <Row
            key={suggestion.person.id}
            testId="person-to-meet"
            lead={<PersonLink person={suggestion.person} />}
          >
            <Text size="sm" style={{ flex: 1 }}>
              {suggestion.reason}
            </Text>
            <Button
              size="xs"
              variant="light"
              leftSection={<IconRoute size={14} />}
              onClick={() => onIntroduce(suggestion.person.id)}
            >
              Who can introduce me?
            </Button>
          </Row>
        ))}
      </Section>
    </Stack>
  );
}

function Section(props: { title: string; hint: string; empty: string; count: number; children: ReactNode }) {
  return (
    <Paper withBorder radius="lg" p="md">
      <Title order={3} fz="sm" tt="uppercase" c="dimmed" fw={600} lts={0.4} mb={4}>
        {props.title}
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        {props.count ? props.hint : props.empty}
      </Text>
      <Stack gap={0}>{props.children}</Stack>
    </Paper>
  );
}

/** A person (the lead, in a fixed column) and what is said about them. */
function Row({ lead, children, testId }: { lead: ReactNode; children: ReactNode; testId: string }) {
  return (
    <Group
      gap="md"
      wrap="nowrap"
      py={8}
      data-testid={testId}
      style={{ borderTop: '1px solid var(--mantine-color-default-border)' }}
    >
      <Box w={240} style={{ flex: 'none' }}>
        {lead}
      </Box>
      {children}
    </Group>
  );
}
