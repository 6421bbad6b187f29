import { Group, Loader, Stack, Text } from '@mantine/core';
import { IconCalendarDue, IconNote } from '@tabler/icons-react';
import { usePersonNotes } from '../../hooks/use-notes.ts';
import { formatDay } from '../../lib/connection-labels.ts';
import { formatCount } from '../../lib/format.ts';
import { noteFirstLine } from '../../lib/note-text.ts';

/** Your notes about someone in three lines: how many, the newest one's first line, the next follow-up. */
export function NoteSummary({ personId, today }: { personId: string; today: string }) {
  const notes = usePersonNotes(personId);
  if (notes.error)
    return (
      <Text size="sm" c="red">
        Could not read your notes: {notes.error.message}
      </Text>
    );
  if (!notes.data) return <Loader size="xs" />;
  const own = notes.data.filter((note) => note.conflictOf === null);
  if (own.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        No notes yet.
      </Text>
    );
  }
  const newest = own.reduce((a, b) => (b.createdAt > a.createdAt ? b : a));
  const next = own
    .map((note) => note.followUpAt)
    .filter((day): day is string => day !== null && day >= today)
    .sort()[0];
  return (
    <Stack gap={6} data-testid="panel-notes">
      <Group gap={6} wrap="nowrap" align="flex-start">
        <IconNote size={16} style={{ flex: 'none', marginTop: 2 }} color="var(--mantine-color-dimmed)" />
        <Stack gap={0} style={{ minWidth: 0 }}>
          <Text size="sm" fw={500}>
            {formatCount(own.length, 'note')}
          </Text>
          <Text size="sm" c="dimmed" lineClamp={2}>
            Latest: {noteFirstLine(newest.body) || 'an empty note'}
          </Text>
        </Stack>
      </Group>
      {next ? (
        <Group gap={6} wrap="nowrap">
          <IconCalendarDue size={16} color="var(--mantine-color-orange-6)" />
          <Text size="sm">Follow up on {formatDay(next)}</Text>
        </Group>
      ) : null}
    </Stack>
  );
}
