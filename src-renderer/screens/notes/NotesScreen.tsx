import {
  Badge,
  Box,
  CloseButton,
  Group,
  Paper,
  Select,
  Stack,
  Text,
  TextInput,
  UnstyledButton,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconNotes, IconSearch } from '@tabler/icons-react';
import { useState } from 'react';
import { useLocation } from 'wouter';
import type { ExportResult } from '#shared/domain/import-export';
import type { NoteWithPerson } from '#shared/domain/note';
import { ListScreen } from '../../components/ListScreen.tsx';
import { CenteredEmpty } from '../../components/CenteredEmpty.tsx';
import { QueryBoundary } from '../../components/QueryBoundary.tsx';
import { NotesEncryptionBanner } from '../../components/notes-encryption/NotesEncryptionBanner.tsx';
import { PersonLink, personHref } from '../../components/PersonLink.tsx';
import { useNoteSearch, useNoteTags } from '../../hooks/use-notes.ts';
import { formatCount, formatDate } from '../../lib/format.ts';
import { noteSnippet } from '../../lib/note-text.ts';
import { ExportedNotice, NotesActionsMenu } from './NotesActionsMenu.tsx';

const SEARCH_DEBOUNCE_MS = 150;

/** Every note you wrote, searchable as you type (each word a prefix) and filterable by tag. Works offline. */
export function NotesScreen() {
  const [text, setText] = useState('');
  const [tag, setTag] = useState<string | null>(null);
  const [debounced] = useDebouncedValue(text.trim(), SEARCH_DEBOUNCE_MS);
  const results = useNoteSearch({ text: debounced, tag: tag ?? undefined });
  const tags = useNoteTags();
  const filtered = Boolean(debounced || tag);
  const [exported, setExported] = useState<NonNullable<ExportResult> | null>(null);

  return (
    <ListScreen
      title="Notes"
      countTestId="notes-total"
      count={results.data ? formatCount(results.data.items.length, 'note') : null}
      maw={960}
      controls={
        <Group gap="sm" wrap="nowrap">
          <TextInput
            aria-label="Search notes"
            placeholder="Search your notes"
            leftSection={<IconSearch size={16} />}
            rightSection={
              text ? <CloseButton size="sm" aria-label="Clear search" onClick={() => setText('')} /> : null
            }
            value={text}
            onChange={(event) => setText(event.currentTarget.value)}
            style={{ flex: 1 }}
            data-testid="notes-search"
          />
          <Select
            aria-label="Tag"
            placeholder="Any tag"
            clearable
            searchable
            w={220}
            data={tags.data?.map((t) => ({ value: t.value, label: `${t.value} (${t.count})` })) ?? []}
            value={tag}
            onChange={setTag}
            nothingFoundMessage="No tag yet"
          />
          <NotesActionsMenu onExported={setExported} />
        </Group>
      }
    >
      <Stack gap="md">
        <NotesEncryptionBanner />
        {exported ? <ExportedNotice result={exported} onClose={() => setExported(null)} /> : null}
        <QueryBoundary query={results} errorTitle="Could not search your notes">
          {(data) =>
            data.items.length === 0 ? (
              <CenteredEmpty
                icon={<IconNotes size={28} />}
                title={filtered ? 'No note matches' : 'No notes yet'}
                description={
                  filtered
                    ? 'Try fewer or shorter words — each word matches the start of a word — or clear the tag filter.'
                    : "Open a colleague's profile in People and add a note: it stays on this computer and only you can read it."
                }
                testId="notes-empty"
              />
            ) : (
              <Stack gap="sm" data-testid="notes-results">
                {data.items.map((item) => (
                  <NoteResult key={item.note.id} item={item} />
                ))}
              </Stack>
            )
          }
        </QueryBoundary>
      </Stack>
    </ListScreen>
  );
}

/** A found note: who it is about, when, its tags and the start of its text; opens the person's page. */
function NoteResult({ item }: { item: NoteWithPerson }) {
  const { note, person } = item;
  const [, navigate] = useLocation();
  const open = () => navigate(personHref(person.id));
  return (
    <Paper withBorder radius="md" p="sm" data-testid="note-result">
      <Group justify="space-between" align="flex-start" wrap="nowrap" mb={4}>
        <Box maw={320}>
          <PersonLink person={person} />
        </Box>
        <Group gap={6} justify="flex-end">
          {note.tags.map((t) => (
            <Badge key={t} size="xs" variant="light" tt="none">
              {t}
            </Badge>
          ))}
          <Text size="xs" c="dimmed">
            {formatDate(note.updatedAt)}
          </Text>
        </Group>
      </Group>
      <UnstyledButton onClick={open} w="100%" px={6} data-testid="note-result-open">
        <Text size="sm" lineClamp={3}>
          {noteSnippet(note.body)}
        </Text>
      </UnstyledButton>
    </Paper>
  );
}
