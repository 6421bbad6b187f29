import { Button, Group, Loader, Stack, Text, Timeline } from '@mantine/core';
import { IconLock, IconNote, IconPin, IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import type { Note } from '#shared/domain/note';
import { InlineError } from '../../components/InlineError.tsx';
import { usePersonNotes } from '../../hooks/use-notes.ts';
import { NoteEditor } from './NoteEditor.tsx';
import { NoteItem } from './NoteItem.tsx';

/** Pinned first, then newest first (the core sorts the same way; kept here so a stale cache reads right). */
function timelineOrder(notes: Note[]): Note[] {
  return [...notes].sort((a, b) => Number(b.pinned) - Number(a.pinned) || b.createdAt - a.createdAt);
}

/** Your private notes about a colleague, as a timeline, with a way to add, edit and delete them. */
export function NotesCard({ personId, personName }: { personId: string; personName: string }) {
  const notes = usePersonNotes(personId);
  // null: closed; 'new': a new note; a Note: editing it.
  const [editing, setEditing] = useState<Note | 'new' | null>(null);

  let body;
  if (notes.error) {
    body = (
      <InlineError
        title="Could not read your notes"
        error={notes.error}
        onRetry={() => void notes.refetch()}
      />
    );
  } else if (!notes.data) {
    body = <Loader size="sm" />;
  } else if (notes.data.length === 0) {
    body = (
      <Text size="sm" c="dimmed">
        No notes about {personName} yet. Jot down what you talked about, what matters to them, or when to
        check in again.
      </Text>
    );
  } else {
    body = (
      <Timeline bulletSize={22} lineWidth={2} data-testid="note-timeline">
        {timelineOrder(notes.data).map((note) => (
          <Timeline.Item key={note.id} bullet={note.pinned ? <IconPin size={12} /> : <IconNote size={12} />}>
            <NoteItem note={note} onEdit={() => setEditing(note)} />
          </Timeline.Item>
        ))}
      </Timeline>
    );
  }

  return (
    <Stack gap="sm" data-testid="notes-card">
      <Group justify="space-between" align="flex-start" wrap="nowrap">
        <Group gap={6} wrap="nowrap" c="dimmed">
          <IconLock size={14} />
          <Text size="xs" c="dimmed" data-testid="notes-privacy">
            Notes stay on this computer until end-to-end encryption is set up; nobody else can read them.
          </Text>
        </Group>
        <Button
          size="xs"
          leftSection={<IconPlus size={14} />}
          onClick={() => setEditing('new')}
          style={{ flexShrink: 0 }}
        >
          Add note
        </Button>
      </Group>
      {body}
      {editing ? (
        <NoteEditor
          personId={personId}
          personName={personName}
          note={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
        />
      ) : null}
    </Stack>
  );
}
