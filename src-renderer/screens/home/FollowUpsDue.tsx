import { Anchor, Badge, Button, EmptyState, Group, Paper, Skeleton, Stack, Text, Title } from '@mantine/core';
import { IconBellRinging, IconCalendarCheck } from '@tabler/icons-react';
import { Link, useLocation } from 'wouter';
import type { FollowUpItem } from '#shared/domain/note';
import { PersonLink } from '../../components/PersonLink.tsx';
import { useFollowUps } from '../../hooks/use-notes.ts';
import { noteFirstLine } from '../../lib/note-text.ts';

const SHOWN = 6;

/** Overdue and today's follow-ups, the soonest few; the Follow-ups screen has them all. */
export function FollowUpsDue() {
  const followUps = useFollowUps();
  const [, navigate] = useLocation();
  const data = followUps.data;
  const due = data
    ? [...data.overdue.map((i) => ({ i, overdue: true })), ...data.today.map((i) => ({ i, overdue: false }))]
    : [];
  const total = data ? data.totals.overdue + data.totals.today : 0;

  return (
    <Stack gap="sm">
      <Group justify="space-between" align="baseline">
        <Group gap="xs">
          <Title order={2} fz="sm" tt="uppercase" c="dimmed" fw={600} lts={0.4}>
            Follow-ups due
          </Title>
          {total ? (
            <Badge
              size="sm"
              color={data?.totals.overdue ? 'red' : 'orange'}
              circle
              data-testid="home-follow-ups-total"
            >
              {total}
            </Badge>
          ) : null}
        </Group>
        <Anchor component={Link} href="/follow-ups" size="sm">
          All follow-ups
        </Anchor>
      </Group>
      <Paper withBorder radius="lg" p="md" data-testid="home-follow-ups">
        {followUps.error ? (
          <Text size="sm" c="red">
            Could not read your follow-ups: {followUps.error.message}
          </Text>
        ) : !data ? (
          <Stack gap="sm">
            <Skeleton height={36} />
            <Skeleton height={36} />
          </Stack>
        ) : due.length === 0 ? (
          <EmptyState
            icon={<IconCalendarCheck size={24} />}
            title="Nothing due today"
            description="Add a follow-up date to a note about a colleague, or a keep-in-touch cadence to a connection."
            data-testid="home-follow-ups-empty"
          >
            <Button variant="light" size="xs" onClick={() => navigate('/people')}>
              Open People
            </Button>
          </EmptyState>
        ) : (
          <Stack gap="sm">
            {due.slice(0, SHOWN).map(({ i, overdue }) => (
              <FollowUpRow key={keyOf(i)} item={i} overdue={overdue} />
            ))}
            {total > SHOWN ? (
              <Anchor component={Link} href="/follow-ups" size="xs" ta="center">
                and {total - SHOWN} more
              </Anchor>
            ) : null}
          </Stack>
        )}
      </Paper>
    </Stack>
  );
}

const keyOf = (item: FollowUpItem) =>
  item.kind === 'note' ? `note:${item.note.id}` : `kit:${item.person.id}`;

function FollowUpRow({ item, overdue }: { item: FollowUpItem; overdue: boolean }) {
  return (
    <Stack gap={2} data-testid="home-follow-up">
      <Group justify="space-between" wrap="nowrap" gap="xs">
        <PersonLink person={item.person} />
        <Badge size="xs" variant="light" color={overdue ? 'red' : 'orange'} style={{ flexShrink: 0 }}>
          {overdue ? 'Overdue' : 'Today'}
        </Badge>
      </Group>
      <Group gap={6} wrap="nowrap" pl={38}>
        {item.kind === 'keep_in_touch' ? (
          <IconBellRinging size={12} color="var(--mantine-color-dimmed)" />
        ) : null}
        <Text size="xs" c="dimmed" truncate="end">
          {item.kind === 'note' ? noteFirstLine(item.note.excerpt) : 'Time to keep in touch'}
        </Text>
      </Group>
    </Stack>
  );
}
