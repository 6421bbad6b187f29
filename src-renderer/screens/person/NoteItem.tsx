import { Badge, Button, Group, Stack, Text, Tooltip } from '@mantine/core';
import { IconCalendarDue, IconPin } from '@tabler/icons-react';
import { useState } from 'react';
import type { Note } from '#shared/domain/note';
import { InlineError } from '../../components/InlineError.tsx';
import { Markdown } from '../../components/Markdown.tsx';
import { useDeleteNote } from '../../hooks/use-notes.ts';
import { formatDay } from '../../lib/connection-labels.ts';
import { formatDate } from '../../lib/format.ts';

/** One note in a person's timeline: when, tags, pinned, follow-up, then the rendered markdown. */
export function NoteItem({ note, onEdit }: { note: Note; onEdit: () => void }) {
  const remove = useDeleteNote();
  const [confirming, setConfirming] = useState(false);
  const edited = note.updatedAt - note.createdAt > 60_000;

  return (
    <Stack gap={6} data-testid="note-item">
      <Group gap="xs" justify="space-between" wrap="nowrap">
        <Group gap="xs">
          <Text size="xs" c="dimmed" fw={500}>
            {formatDate(note.createdAt)}
            {edited ? ` · edited ${formatDate(note.updatedAt)}` : ''}
          </Text>
          {note.pinned ? (
            <Badge size="xs" variant="light" color="orange" leftSection={<IconPin size={10} />}>
              Pinned
            </Badge>
          ) : null}
          {note.followUpAt ? (
            <Tooltip label="Follow-up date" withArrow>
              <Badge
                size="xs"
                variant="outline"
                color="grape"
                tt="none"
                leftSection={<IconCalendarDue size={10} />}
              >
                Follow up {formatDay(note.followUpAt)}
              </Badge>
            </Tooltip>
          ) : null}
          {note.tags.map((tag) => (
            <Badge key={tag} size="xs" variant="light" tt="none">
              {tag}
            </Badge>
          ))}
        </Group>
        <Group gap={4} wrap="nowrap">
          <Button size="compact-xs" variant="subtle" onClick={onEdit}>
            Edit
          </Button>
          {confirming ? (
            <>
              <Button
                size="compact-xs"
                color="red"
                loading={remove.isPending}
                onClick={() => remove.mutate(note.id)}
              >
                Delete note
              </Button>
              <Button size="compact-xs" variant="subtle" onClick={() => setConfirming(false)}>
                Keep
              </Button>
            </>
          ) : (
            <Button size="compact-xs" variant="subtle" color="red" onClick={() => setConfirming(true)}>
              Delete…
            </Button>
          )}
        </Group>
      </Group>
      <Markdown testId="note-body">{note.body}</Markdown>
      {remove.error ? <InlineError title="Not deleted" error={remove.error} /> : null}
    </Stack>
  );
}
