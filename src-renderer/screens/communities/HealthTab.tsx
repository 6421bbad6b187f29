import { Alert, Group, Paper, Progress, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { IconLock } from '@tabler/icons-react';
import { lazy, Suspense, type ReactNode } from 'react';
import type { CommunityDetail, CommunityHealth } from '#shared/domain/community';
import { CenteredLoader, QueryBoundary } from '../../components/QueryBoundary.tsx';
import { useCommunityHealth } from '../../hooks/use-communities.ts';
import { isActive } from '../../lib/community-labels.ts';
import { formatHours, formatRate, formatShare } from '../../lib/community-health.ts';
import { formatCount } from '../../lib/format.ts';

// The chart library is the heaviest part of the app: load it when a Health tab first opens.
const HealthCharts = lazy(() => import('./HealthCharts.tsx').then((m) => ({ default: m.HealthCharts })));

/** How the community is doing: the last 28 (or 90) days in numbers, then 12 months in charts. Members only. */
export function HealthTab({ detail }: { detail: CommunityDetail }) {
  const member = isActive(detail.me);
  const health = useCommunityHealth(detail.community.id, member);
  if (!member) {
    return (
      <Alert
        variant="light"
        color="gray"
        icon={<IconLock />}
        title="For members"
        data-testid="health-members-only"
      >
        A community&apos;s health (who takes part, how fast questions get answered, how far it reaches) is
        shown to its members and leaders. Join to see it.
      </Alert>
    );
  }
  return (
    <QueryBoundary
      query={health}
      errorTitle="Could not compute the health"
      loading={<CenteredLoader py={60} />}
    >
      {(data) => (
        <Stack gap="lg" data-testid="health">
          <HealthStats health={data} />
          <Suspense fallback={<CenteredLoader py={60} />}>
            <HealthCharts months={data.months} />
          </Suspense>
        </Stack>
      )}
    </QueryBoundary>
  );
}

function HealthStats({ health }: { health: CommunityHealth }) {
  const { reach } = health;
  const topMax = Math.max(1, ...reach.topDepartments.map((d) => d.members));
  return (
    <Stack gap="md">
      <SimpleGrid cols={{ base: 2, md: 3 }} spacing="sm">
        <Stat label="Active members" hint="posted or answered, 28 days" testId="health-active-members">
          {health.activeMembers28d.toLocaleString('en')}
        </Stat>
        <Stat label="Posts per week" hint="answers included, 28 days" testId="health-posts-per-week">
          {formatRate(health.postsPerWeek28d)}
        </Stat>
        <Stat label="Questions answered" hint="asked in the last 90 days" testId="health-answered-share">
          {formatShare(health.answeredShare90d)}
        </Stat>
        <Stat label="First answer" hint="median wait, 90 days" testId="health-median-first-answer">
          {formatHours(health.medianHoursToFirstAnswer90d)}
        </Stat>
        <Stat label="New members" hint="28 days" testId="health-new-members">
          {health.newMembers28d.toLocaleString('en')}
        </Stat>
        <Stat label="Members" hint="today" testId="health-members">
          {health.members.toLocaleString('en')}
        </Stat>
      </SimpleGrid>
      <Paper withBorder radius="lg" p="md">
        <Group justify="space-between" align="flex-start" wrap="wrap" gap="lg">
          <Stack gap={2}>
            <Text size="xs" c="dimmed" tt="uppercase" fw={600} lts={0.4}>
              Reach
            </Text>
            <Text size="lg" fw={600}>
              <span data-testid="health-reach-departments">
                {formatCount(reach.departments, 'department')}
              </span>
              {' · '}
              <span data-testid="health-reach-sites">{formatCount(reach.sites, 'site')}</span>
            </Text>
            <Text size="xs" c="dimmed">
              represented among active members
            </Text>
          </Stack>
          <Stack gap={6} style={{ flex: '1 1 320px' }} maw={520} data-testid="health-top-departments">
            {reach.topDepartments.length === 0 ? (
              <Text size="sm" c="dimmed">
                Nobody has been active in the last 28 days.
              </Text>
            ) : (
              reach.topDepartments.map((department) => (
                <Group key={department.name} gap="sm" wrap="nowrap">
                  <Text size="sm" w={160} truncate="end">
                    {department.name}
                  </Text>
                  <Progress value={(department.members / topMax) * 100} style={{ flex: 1 }} size="md" />
                  <Text size="xs" c="dimmed" w={70} ta="right">
                    {formatCount(department.members, 'member')}
                  </Text>
                </Group>
              ))
            )}
          </Stack>
        </Group>
      </Paper>
    </Stack>
  );
}

function Stat({
  label,
  hint,
  testId,
  children,
}: {
  label: string;
  hint: string;
  testId: string;
  children: ReactNode;
}) {
  return (
    <Paper withBorder radius="lg" p="md">
      <Text size="xs" c="dimmed" tt="uppercase" fw={600} lts={0.4}>
        {label}
      </Text>
      <Title order={3} fz={26} mt={4} data-testid={testId}>
        {children}
      </Title>
      <Text size="xs" c="dimmed">
        {hint}
      </Text>
    </Paper>
  );
}
