import { Badge, Box, Button, Group, Paper, Stack, Text, Title, UnstyledButton } from '@mantine/core';
import { IconBellRinging, IconCalendarCheck, IconCheck } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useLocation } from 'wouter';
import type { FollowUpItem, FollowUps } from '#shared/domain/note';
import type { PersonSummary } from '#shared/domain/person';
import { CenteredEmpty } from '../../components/CenteredEmpty.tsx';
import { ListScreen } from '../../components/ListScreen.tsx';
import { QueryBoundary } from '../../components/QueryBoundary.tsx';
import { PersonLink, personHref } from '../../components/PersonLink.tsx';
import { useSaveConnection } from '../../hooks/use-network.ts';
import { useFollowUps } from '../../hooks/use-notes.ts';
import { useNow } from '../../hooks/use-now.ts';
import { formatDay } from '../../lib/connection-labels.ts';
import { formatCount } from '../../lib/format.ts';
import { toLocalDay } from '#shared/local-day';
import { describeDue, formatCadence, formatShortDay } from '../../lib/keep-in-touch.ts';
import { noteFirstLine } from '../../lib/note-text.ts';

const GROUPS = [
  { key: 'overdue', title: 'Overdue', color: 'red' },
  { key: 'today', title: 'Today', color: 'orange' },
  { key: 'thisWeek', title: 'This week', color: 'blue' },
] as const;

type KeepInTouchItem = Extract<FollowUpItem, { kind: 'keep_in_touch' }>;
type NoteItem = Extract<FollowUpItem, { kind: 'note' }>;

const itemKey = (item: FollowUpItem) =>
  item.kind === 'note' ? `note:${item.note.id}` : `keep_in_touch:${item.person.id}`;

/**
 * What to follow up, by when: notes with a follow-up date, and colleagues whose keep-in-touch cadence has
 * run out since the last interaction. Past, today, or within the week. Works offline.
 */
export function FollowUpsScreen() {
  const followUps = useFollowUps();
  const data = followUps.data;
  const total = data ? data.totals.overdue + data.totals.today + data.totals.thisWeek : 0;

  return (
    <ListScreen
      title="Follow-ups"
      countTestId="follow-ups-total"
      count={data ? formatCount(total, 'follow-up') : null}
      maw={960}
    >
      <QueryBoundary query={followUps} errorTitle="Could not read your follow-ups">
        {(data) =>
          total === 0 ? (
            <CenteredEmpty
              icon={<IconCalendarCheck size={28} />}
              title="Nothing due"
              description="Add a follow-up date to a note, or a keep-in-touch cadence to a connection on a colleague's profile, to see it here."
              testId="follow-ups-empty"
            />
          ) : (
            <FollowUpGroups data={data} />
          )
        }
      </QueryBoundary>
    </ListScreen>
  );
}

function FollowUpGroups({ data }: { data: FollowUps }) {
  return (
    <Stack gap="lg">
      {GROUPS.filter((group) => data.totals[group.key] > 0).map((group) => (
        <Box key={group.key} data-testid={`follow-ups-${group.key}`}>
          <Group gap="xs" mb="xs">
            <Title order={2} fz="sm" tt="uppercase" c="dimmed" fw={600} lts={0.4}>
              {group.title}
            </Title>
            <Badge size="sm" variant="light" color={group.color} circle>
              {data.totals[group.key]}
            </Badge>
          </Group>
          <Stack gap="xs">
            {data[group.key].map((item) =>
              item.kind === 'note' ? (
                <NoteFollowUpRow key={itemKey(item)} item={item} color={group.color} />
              ) : (
                <KeepInTouchRow key={itemKey(item)} item={item} color={group.color} />
              ),
            )}
            {data[group.key].length < data.totals[group.key] ? (
              <Text size="xs" c="dimmed" ta="center" data-testid="follow-ups-more">
                Showing the soonest {data[group.key].length} of {data.totals[group.key]}
              </Text>
            ) : null}
          </Stack>
        </Box>
      ))}
    </Stack>
  );
}

/** A row of the list: who, then what is due with them. */
function FollowUpRow({
  person,
  kind,
  children,
}: {
  person: PersonSummary;
  kind: FollowUpItem['kind'];
  children: ReactNode;
}) {
  return (
    <Paper withBorder radius="md" p="sm" data-testid="follow-up-item" data-kind={kind}>
      <Group justify="space-between" wrap="nowrap" gap="md">
        <Box w={260} style={{ flexShrink: 0 }}>
          <PersonLink person={person} />
        </Box>
        {children}
      </Group>
    </Paper>
  );
}

function NoteFollowUpRow({ item, color }: { item: NoteItem; color: string }) {
  const { note, person } = item;
  const [, navigate] = useLocation();
  return (
    <FollowUpRow person={person} kind="note">
      <UnstyledButton onClick={() => navigate(personHref(person.id))} style={{ flex: 1, minWidth: 0 }}>
        <Text size="sm" truncate="end">
          {noteFirstLine(note.excerpt)}
        </Text>
      </UnstyledButton>
      {note.followUpAt ? (
        <Badge variant="light" color={color} style={{ flexShrink: 0 }}>
          {formatDay(note.followUpAt)}
        </Badge>
      ) : null}
    </FollowUpRow>
  );
}

/** A colleague due a catch-up; logging today's interaction moves the reminder a cadence ahead. */
function KeepInTouchRow({ item, color }: { item: KeepInTouchItem; color: string }) {
  const { connection, person, dueOn } = item;
  const today = toLocalDay(useNow(60_000));
  const save = useSaveConnection(person.id);
  const due = describeDue(dueOn, today);
  const cadence = connection.keepInTouchDays ? formatCadence(connection.keepInTouchDays).toLowerCase() : '';
  return (
    <FollowUpRow person={person} kind="keep_in_touch">
      <Stack gap={2} style={{ flex: 1, minWidth: 0 }}>
        <Group gap={6} wrap="nowrap">
          <IconBellRinging size={14} color="var(--mantine-color-dimmed)" style={{ flexShrink: 0 }} />
          <Text size="sm" truncate="end">
            Keep in touch {cadence}
          </Text>
        </Group>
        <Text size="xs" c="dimmed" truncate="end">
          {connection.lastInteractionAt
            ? `Last interaction ${formatShortDay(connection.lastInteractionAt, today)}`
            : 'No interaction recorded yet'}
        </Text>
        {save.error ? (
          <Text size="xs" c="red">
            Not saved: {save.error.message}
          </Text>
        ) : null}
      </Stack>
      <Badge variant="light" color={color} style={{ flexShrink: 0 }} title={`Due ${formatDay(dueOn)}`}>
        {due.state === 'upcoming' ? formatDay(dueOn) : due.label}
      </Badge>
      {connection.lastInteractionAt === today ? (
        <Group gap={4} c="dimmed" w={176} justify="center" style={{ flexShrink: 0 }}>
          <IconCheck size={14} />
          <Text size="xs" c="inherit">
            Talked today
          </Text>
        </Group>
      ) : (
        <Button
          size="xs"
          variant="light"
          w={176}
          leftSection={<IconCheck size={14} />}
          loading={save.isPending}
          onClick={() => save.mutate({ lastInteractionAt: today })}
          style={{ flexShrink: 0 }}
          data-testid="log-interaction-today"
        >
          Log interaction today
        </Button>
      )}
    </FollowUpRow>
  );
}
