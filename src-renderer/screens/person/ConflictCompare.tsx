import { Badge, Box, Button, Group, Paper, SimpleGrid, Stack, Text } from '@mantine/core';
import { IconCheck, IconGitCompare, IconGitMerge, IconVersions } from '@tabler/icons-react';
import { useState, type ReactNode } from 'react';
import type { Note } from '#shared/domain/note';
import { InlineError } from '../../components/InlineError.tsx';
import { Markdown } from '../../components/Markdown.tsx';
import { useDismissConflict, useResolveConflict } from '../../hooks/use-notes.ts';
import { formatDate } from '../../lib/format.ts';
import { fieldsOf } from '../../lib/note-timeline.ts';

interface Props {
  original: Note;
  copy: Note;
  /** Opens the original in the editor with both texts. */
  onMerge: () => void;
}

/**
 * A note edited on two devices while offline: both texts side by side (stacked when narrow), and the ways
 * out: keep one (after a confirm, since the other is deleted), keep both as separate notes, or merge.
 */
export function ConflictCompare({ original, copy, onMerge }: Props) {
  const resolve = useResolveConflict();
  const dismiss = useDismissConflict();
  const busy = resolve.isPending || dismiss.isPending;
  const error = resolve.error ?? dismiss.error;

  return (
    <Paper
      withBorder
      radius="md"
      p="sm"
      data-testid="note-conflict"
      style={{ borderColor: 'var(--mantine-color-orange-4)' }}
    >
      <Stack gap="sm">
        <Group gap="xs" wrap="nowrap">
          <IconGitCompare size={16} color="var(--mantine-color-orange-7)" style={{ flexShrink: 0 }} />
          <Text size="sm" fw={600}>
            Edited on two devices
          </Text>
          <Text size="xs" c="dimmed">
            Both texts are kept until you choose.
          </Text>
        </Group>
        <SimpleGrid type="container" cols={{ base: 1, '520px': 2 }} spacing="sm">
          <Version
            title="Current version"
            note={original}
            testId="conflict-current"
            confirmText="Delete the other version? Its text is lost."
            confirmLabel="Delete the other version"
            disabled={busy}
            onKeep={() => resolve.mutate({ original, copy })}
          />
          <Version
            title="Other version"
            note={copy}
            testId="conflict-copy"
            confirmText="Replace the current version with this one? The current text is lost."
            confirmLabel="Replace"
            disabled={busy}
            onKeep={() => resolve.mutate({ original, copy, fields: fieldsOf(copy) })}
          />
        </SimpleGrid>
        <Group gap="xs">
          <Button
            size="xs"
            leftSection={<IconGitMerge size={14} />}
            onClick={onMerge}
            disabled={busy}
            data-testid="conflict-merge"
          >
            Merge…
          </Button>
          <Button
            size="xs"
            variant="default"
            leftSection={<IconVersions size={14} />}
            loading={dismiss.isPending}
            disabled={busy}
            onClick={() => dismiss.mutate(copy.id)}
            data-testid="conflict-keep-both"
          >
            Keep both
          </Button>
        </Group>
        {error ? <InlineError title="Not done" error={error} /> : null}
      </Stack>
    </Paper>
  );
}

function Version({
  title,
  note,
  testId,
  confirmText,
  confirmLabel,
  disabled,
  onKeep,
}: {
  title: string;
  note: Note;
  testId: string;
  confirmText: string;
  confirmLabel: string;
  disabled: boolean;
  onKeep: () => void;
}) {
  const [confirming, setConfirming] = useState(false);
  let action: ReactNode;
  if (confirming) {
    action = (
      <Stack gap={6}>
        <Text size="xs">{confirmText}</Text>
        <Group gap="xs">
          <Button size="compact-xs" color="red" loading={disabled} onClick={onKeep}>
            {confirmLabel}
          </Button>
          <Button size="compact-xs" variant="subtle" onClick={() => setConfirming(false)}>
            Cancel
          </Button>
        </Group>
      </Stack>
    );
  } else {
    action = (
      <Button
        size="compact-xs"
        variant="light"
        leftSection={<IconCheck size={12} />}
        disabled={disabled}
        style={{ alignSelf: 'flex-start' }}
        onClick={() => setConfirming(true)}
      >
        Keep this version
      </Button>
    );
  }

  return (
    <Stack
      gap={6}
      p="xs"
      data-testid={testId}
      style={{
        border: '1px solid var(--mantine-color-default-border)',
        borderRadius: 'var(--mantine-radius-sm)',
        minWidth: 0,
      }}
    >
      <Group gap={6} justify="space-between" wrap="nowrap">
        <Text size="xs" fw={600} tt="uppercase" c="dimmed" lts={0.3}>
          {title}
        </Text>
        <Text size="xs" c="dimmed">
          edited {formatDate(note.updatedAt)}
        </Text>
      </Group>
      {note.tags.length ? (
        <Group gap={4}>
          {note.tags.map((tag) => (
            <Badge key={tag} size="xs" variant="light" tt="none">
              {tag}
            </Badge>
          ))}
        </Group>
      ) : null}
      <Box style={{ flex: 1 }}>
        {note.body.trim() ? (
          <Markdown testId="conflict-body">{note.body}</Markdown>
        ) : (
          <Text size="sm" c="dimmed" fs="italic">
            (no text)
          </Text>
        )}
      </Box>
      {action}
    </Stack>
  );
}
