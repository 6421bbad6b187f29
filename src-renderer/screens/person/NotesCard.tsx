import { Button, Group, Loader, Stack, Text, Timeline } from '@mantine/core';
import {
  IconCalendarEvent,
  IconCoffee,
  IconDots,
  IconGitCompare,
  IconMessage,
  IconNote,
  IconPhone,
  IconPin,
  IconPlus,
  IconUsers,
} from '@tabler/icons-react';
import { useState } from 'react';
import type { Interaction, Note } from '#shared/domain/note';
import { QueryBoundary } from '../../components/QueryBoundary.tsx';
import { NotesEncryptionBanner } from '../../components/notes-encryption/NotesEncryptionBanner.tsx';
import { usePersonNotes } from '../../hooks/use-notes.ts';
import { useNotesEncryption } from '../../hooks/use-notes-encryption.ts';
import { buildTimeline, type TimelineEntry } from '../../lib/note-timeline.ts';
import { NoteEditor } from './NoteEditor.tsx';
import { NoteItem } from './NoteItem.tsx';

const INTERACTION_ICONS: Record<Interaction['type'], typeof IconNote> = {
  meeting: IconUsers,
  call: IconPhone,
  message: IconMessage,
  coffee: IconCoffee,
  event: IconCalendarEvent,
  other: IconDots,
};

/** What the editor is open on: a new entry (a note or an interaction), a note, or a merge of a conflict copy. */
type Editing =
  | { kind: 'new'; startAs: 'note' | 'interaction' }
  | { kind: 'edit'; note: Note }
  | { kind: 'merge'; note: Note; copy: Note };

function Bullet({ entry }: { entry: TimelineEntry }) {
  const { note } = entry;
  if (entry.conflicts.length) return <IconGitCompare size={12} color="var(--mantine-color-orange-7)" />;
  if (note.interaction) {
    const Icon = INTERACTION_ICONS[note.interaction.type];
    return <Icon size={12} color="var(--mantine-color-teal-7)" />;
  }
  return note.pinned ? <IconPin size={12} /> : <IconNote size={12} />;
}

/**
 * Your private timeline with a colleague: notes and logged interactions, pinned first then newest first,
 * conflict copies under the note they belong to; with ways to add, edit, merge and delete.
 */
export function NotesCard({ personId, personName }: { personId: string; personName: string }) {
  const notes = usePersonNotes(personId);
  const locked = useNotesEncryption().data?.state === 'locked';
  const [editing, setEditing] = useState<Editing | null>(null);

  return (
    <Stack gap="sm" data-testid="notes-card">
      <Group justify="space-between" align="center" wrap="nowrap">
        <div style={{ flex: 1, minWidth: 0 }}>
          <NotesEncryptionBanner part="line" />
        </div>
        <Group gap="xs" wrap="nowrap" style={{ flexShrink: 0 }}>
          <Button
            size="xs"
            variant="light"
            leftSection={<IconUsers size={14} />}
            onClick={() => setEditing({ kind: 'new', startAs: 'interaction' })}
          >
            Log interaction
          </Button>
          <Button
            size="xs"
            leftSection={<IconPlus size={14} />}
            onClick={() => setEditing({ kind: 'new', startAs: 'note' })}
          >
            Add note
          </Button>
        </Group>
      </Group>
      <NotesEncryptionBanner part="alerts" />
      <QueryBoundary query={notes} errorTitle="Could not read your notes" loading={<Loader size="sm" />}>
        {(data) =>
          data.length === 0 ? (
            <Text size="sm" c="dimmed">
              {locked
                ? `No notes about ${personName} on this computer yet. Notes from your other devices show once you enter your passphrase.`
                : `No notes about ${personName} yet. Jot down what you talked about, what matters to them, or when to check in again; log a meeting or a call to see when you last spoke.`}
            </Text>
          ) : (
            <Timeline bulletSize={22} lineWidth={2} data-testid="note-timeline">
              {buildTimeline(data).map((entry) => (
                <Timeline.Item key={entry.note.id} bullet={<Bullet entry={entry} />}>
                  <NoteItem
                    note={entry.note}
                    conflicts={entry.conflicts}
                    onEdit={() => setEditing({ kind: 'edit', note: entry.note })}
                    onMerge={(copy) => setEditing({ kind: 'merge', note: entry.note, copy })}
                  />
                </Timeline.Item>
              ))}
            </Timeline>
          )
        }
      </QueryBoundary>
      {editing ? (
        <NoteEditor
          personId={personId}
          personName={personName}
          note={editing.kind === 'new' ? null : editing.note}
          startAs={editing.kind === 'new' ? editing.startAs : 'note'}
          mergeWith={editing.kind === 'merge' ? editing.copy : null}
          onClose={() => setEditing(null)}
        />
      ) : null}
    </Stack>
  );
}
