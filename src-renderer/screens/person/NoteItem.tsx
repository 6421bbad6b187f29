import { Badge, Button, Group, Stack, Text, Tooltip } from '@mantine/core';
import { IconCalendarDue, IconGitCompare, IconPin } from '@tabler/icons-react';
import { useState } from 'react';
import type { Note } from '#shared/domain/note';
import { InlineError } from '../../components/InlineError.tsx';
import { Markdown } from '../../components/Markdown.tsx';
import { useDeleteNote, useDismissConflict } from '../../hooks/use-notes.ts';
import { formatDay } from '../../lib/connection-labels.ts';
import { formatDate } from '../../lib/format.ts';
import { INTERACTION_LABELS } from '../../lib/interaction-labels.ts';
import { ConflictCompare } from './ConflictCompare.tsx';

interface Props {
  note: Note;
  /** Conflict copies of this note: shown side by side with it until merged or kept. */
  conflicts?: readonly Note[];
  onEdit: () => void;
  /** Opens the editor to merge a conflict copy into this note. */
  onMerge?: (copy: Note) => void;
}

/**
 * One entry in a person's timeline: the interaction it logs (if any) or when it was written, tags, pinned,
 * follow-up, then the rendered markdown, or both versions when it was edited on two devices.
 */
export function NoteItem({ note, conflicts = [], onEdit, onMerge }: Props) {
  const remove = useDeleteNote();
  const [confirming, setConfirming] = useState(false);
  const edited = note.updatedAt - note.createdAt > 60_000;

  return (
    <Stack gap={6} data-testid="note-item" data-kind={note.interaction ? 'interaction' : 'note'}>
      <Group gap="xs" justify="space-between" wrap="nowrap" align="flex-start">
        <Group gap="xs">
          {note.interaction ? (
            <Text size="xs" fw={600} data-testid="note-interaction">
              {INTERACTION_LABELS[note.interaction.type]} · {formatDay(note.interaction.on)}
            </Text>
          ) : (
            <Text size="xs" c="dimmed" fw={500}>
              {formatDate(note.createdAt)}
              {edited ? ` · edited ${formatDate(note.updatedAt)}` : ''}
            </Text>
          )}
          {note.conflictOf ? <OrphanCopyBadge /> : null}
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
      {conflicts.length ? (
        conflicts.map((copy) => (
          <ConflictCompare key={copy.id} original={note} copy={copy} onMerge={() => onMerge?.(copy)} />
        ))
      ) : note.body.trim() ? (
        <Markdown testId="note-body">{note.body}</Markdown>
      ) : null}
      {note.conflictOf ? <KeepCopy note={note} /> : null}
      {remove.error ? <InlineError title="Not deleted" error={remove.error} /> : null}
    </Stack>
  );
}

function OrphanCopyBadge() {
  return (
    <Tooltip
      label="This note was edited on two devices, and the other version has since been deleted"
      withArrow
      multiline
      w={260}
    >
      <Badge size="xs" color="orange" variant="light" leftSection={<IconGitCompare size={10} />}>
        Conflict copy
      </Badge>
    </Tooltip>
  );
}

/** A conflict copy whose original is gone: one click keeps it as an ordinary note. */
function KeepCopy({ note }: { note: Note }) {
  const dismiss = useDismissConflict();
  return (
    <Group gap="xs">
      <Button
        size="compact-xs"
        variant="light"
        loading={dismiss.isPending}
        onClick={() => dismiss.mutate(note.id)}
      >
        Keep as a note
      </Button>
      {dismiss.error ? (
        <Text size="xs" c="red">
          {dismiss.error.message}
        </Text>
      ) : null}
    </Group>
  );
}
