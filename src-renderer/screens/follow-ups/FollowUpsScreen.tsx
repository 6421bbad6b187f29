import {
  Badge,
  Box,
  Center,
  EmptyState,
  Group,
  Loader,
  Paper,
  Stack,
  Text,
  Title,
  UnstyledButton,
} from '@mantine/core';
import { ListScreen } from '../../components/ListScreen.tsx';
import { IconCalendarCheck } from '@tabler/icons-react';
import { useLocation } from 'wouter';
import type { NoteWithPerson } from '#shared/domain/note';
import { InlineError } from '../../components/InlineError.tsx';
import { PersonLink } from '../../components/PersonLink.tsx';
import { useFollowUps } from '../../hooks/use-notes.ts';
import { formatDay } from '../../lib/connection-labels.ts';
import { formatCount } from '../../lib/format.ts';
import { noteFirstLine } from '../../lib/note-text.ts';

const GROUPS = [
  { key: 'overdue', title: 'Overdue', color: 'red' },
  { key: 'today', title: 'Today', color: 'orange' },
  { key: 'thisWeek', title: 'This week', color: 'blue' },
] as const;

/** Notes with a follow-up date that is past, today, or within the week. Works offline. */
export function FollowUpsScreen() {
  const followUps = useFollowUps();
  const data = followUps.data;
  const total = data ? data.overdue.length + data.today.length + data.thisWeek.length : 0;

  let body;
  if (followUps.error) {
    body = (
      <InlineError
        title="Could not read your follow-ups"
        error={followUps.error}
        onRetry={() => void followUps.refetch()}
      />
    );
  } else if (!data) {
    body = (
      <Center py={80}>
        <Loader />
      </Center>
    );
  } else if (total === 0) {
    body = (
      <Center py={80}>
        <EmptyState
          icon={<IconCalendarCheck size={28} />}
          title="Nothing due"
          description="Add a follow-up date to a note to see it here."
          data-testid="follow-ups-empty"
        />
      </Center>
    );
  } else {
    body = (
      <Stack gap="lg">
        {GROUPS.filter((group) => data[group.key].length > 0).map((group) => (
          <Box key={group.key} data-testid={`follow-ups-${group.key}`}>
            <Group gap="xs" mb="xs">
              <Title order={2} fz="sm" tt="uppercase" c="dimmed" fw={600} lts={0.4}>
                {group.title}
              </Title>
              <Badge size="sm" variant="light" color={group.color} circle>
                {data[group.key].length}
              </Badge>
            </Group>
            <Stack gap="xs">
              {data[group.key].map((item) => (
                <FollowUpRow key={item.note.id} item={item} color={group.color} />
              ))}
            </Stack>
          </Box>
        ))}
      </Stack>
    );
  }

  return (
    <ListScreen
      title="Follow-ups"
      countTestId="follow-ups-total"
      count={data ? formatCount(total, 'follow-up') : null}
      maw={960}
    >
      {body}
    </ListScreen>
  );
}

function FollowUpRow({ item, color }: { item: NoteWithPerson; color: string }) {
  const { note, person } = item;
  const [, navigate] = useLocation();
  return (
    <Paper withBorder radius="md" p="sm" data-testid="follow-up-item">
      <Group justify="space-between" wrap="nowrap" gap="md">
        <Box w={260} style={{ flexShrink: 0 }}>
          <PersonLink person={person} />
        </Box>
        <UnstyledButton
          onClick={() => navigate(`/people/${encodeURIComponent(person.id)}`)}
          style={{ flex: 1, minWidth: 0 }}
        >
          <Text size="sm" truncate="end">
            {noteFirstLine(note.body)}
          </Text>
        </UnstyledButton>
        {note.followUpAt ? (
          <Badge variant="light" color={color} style={{ flexShrink: 0 }}>
            {formatDay(note.followUpAt)}
          </Badge>
        ) : null}
      </Group>
    </Paper>
  );
}
