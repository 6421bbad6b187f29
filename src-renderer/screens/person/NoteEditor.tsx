import {
  Box,
  Button,
  Group,
  Modal,
  SegmentedControl,
  Stack,
  Switch,
  TagsInput,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useState } from 'react';
import type { Note, NoteFields } from '#shared/domain/note';
import { InlineError } from '../../components/InlineError.tsx';
import { Markdown } from '../../components/Markdown.tsx';
import { useNoteTags, useSaveNote } from '../../hooks/use-notes.ts';

interface Props {
  personId: string;
  personName: string;
  /** Absent: a new note. */
  note: Note | null;
  onClose: () => void;
}

/** Write or edit a note: markdown with a preview, tags, pinned, a follow-up day. Saved on this computer at once. */
export function NoteEditor({ personId, personName, note, onClose }: Props) {
  const [fields, setFields] = useState<NoteFields>(
    note
      ? { personId, body: note.body, tags: note.tags, pinned: note.pinned, followUpAt: note.followUpAt }
      : { personId, body: '', tags: [], pinned: false, followUpAt: null },
  );
  const [mode, setMode] = useState<'write' | 'preview'>('write');
  const save = useSaveNote();
  const tags = useNoteTags();
  const set = <K extends keyof NoteFields>(key: K, value: NoteFields[K]) =>
    setFields((current) => ({ ...current, [key]: value }));

  const submit = () => save.mutate({ ...fields, id: note?.id }, { onSuccess: onClose });

  return (
    <Modal
      opened
      onClose={onClose}
      title={`${note ? 'Edit note' : 'New note'} about ${personName}`}
      size="xl"
    >
      <Stack gap="md" data-testid="note-editor">
        <Box>
          <Group justify="space-between" mb={6}>
            <Text size="sm" fw={500}>
              Note
            </Text>
            <SegmentedControl
              size="xs"
              value={mode}
              onChange={(value) => setMode(value as 'write' | 'preview')}
              data={[
                { value: 'write', label: 'Write' },
                { value: 'preview', label: 'Preview' },
              ]}
            />
          </Group>
          {mode === 'write' ? (
            <Textarea
              aria-label="Note"
              placeholder={
                'What you talked about, what to remember… Markdown works: **bold**, lists, [links](https://…)'
              }
              autosize
              minRows={6}
              maxRows={18}
              data-autofocus
              value={fields.body}
              onChange={(event) => set('body', event.currentTarget.value)}
            />
          ) : (
            <Box
              p="sm"
              mih={150}
              data-testid="note-preview"
              style={{
                border: '1px solid var(--mantine-color-default-border)',
                borderRadius: 'var(--mantine-radius-sm)',
              }}
            >
              {fields.body.trim() ? (
                <Markdown>{fields.body}</Markdown>
              ) : (
                <Text size="sm" c="dimmed">
                  Nothing to preview yet.
                </Text>
              )}
            </Box>
          )}
        </Box>
        <TagsInput
          label="Tags"
          placeholder={fields.tags.length ? '' : 'Type a tag and press Enter'}
          data={tags.data?.map((t) => t.value) ?? []}
          value={fields.tags}
          onChange={(value) => set('tags', value)}
          maxTags={20}
          clearable
        />
        <Group grow align="flex-end">
          <TextInput
            type="date"
            label="Follow up on"
            description="It shows on Follow-ups from then on."
            value={fields.followUpAt ?? ''}
            onChange={(event) => set('followUpAt', event.currentTarget.value || null)}
          />
          <Switch
            label="Pin to the top"
            checked={fields.pinned}
            onChange={(event) => set('pinned', event.currentTarget.checked)}
            mb={8}
          />
        </Group>
        {save.error ? <InlineError title="Not saved" error={save.error} /> : null}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button
            onClick={submit}
            loading={save.isPending}
            disabled={!fields.body.trim()}
            data-testid="note-save"
          >
            Save
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
