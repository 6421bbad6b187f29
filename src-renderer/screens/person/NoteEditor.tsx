import {
  Alert,
  Group,
  Modal,
  SegmentedControl,
  Select,
  Stack,
  Switch,
  TagsInput,
  TextInput,
} from '@mantine/core';
import { IconGitMerge } from '@tabler/icons-react';
import { useState } from 'react';
import { INTERACTION_TYPES, type Interaction, type Note, type NoteFields } from '#shared/domain/note';
import { InlineError } from '../../components/InlineError.tsx';
import { MarkdownEditor } from '../../components/MarkdownEditor.tsx';
import { useNoteTags, useResolveConflict, useSaveNote } from '../../hooks/use-notes.ts';
import { INTERACTION_LABELS } from '../../lib/interaction-labels.ts';
import { toLocalDay } from '#shared/local-day';
import { fieldsOf, mergeConflict } from '../../lib/note-timeline.ts';
import { FormActions } from '../../components/FormActions.tsx';

type Kind = 'note' | 'interaction';

interface Props {
  personId: string;
  personName: string;
  /** Absent: a new note. */
  note: Note | null;
  /** What a new entry starts as: a note, or a logged interaction (a meeting, a call…). */
  startAs?: Kind;
  /** A conflict copy of `note`: the editor opens with both texts, and saving deletes the copy. */
  mergeWith?: Note | null;
  onClose: () => void;
}

const interactionOptions = INTERACTION_TYPES.map((value) => ({ value, label: INTERACTION_LABELS[value] }));

function initialFields(personId: string, note: Note | null, mergeWith: Note | null): NoteFields {
  if (note && mergeWith) return mergeConflict(note, mergeWith);
  if (note) return fieldsOf(note);
  return { personId, body: '', tags: [], pinned: false, followUpAt: null, interaction: null };
}

function editorTitle(note: Note | null, kind: Kind, merging: boolean, personName: string): string {
  if (merging) return 'Merge the two versions';
  if (kind === 'interaction') return `${note ? 'Edit interaction' : 'Log an interaction'} with ${personName}`;
  return `${note ? 'Edit note' : 'New note'} about ${personName}`;
}

/**
 * Write or edit a note, or log an interaction (what kind, which day) with an optional note: markdown with a
 * preview, tags, pinned, a follow-up day. Saved on this computer at once.
 */
export function NoteEditor({
  personId,
  personName,
  note,
  startAs = 'note',
  mergeWith = null,
  onClose,
}: Props) {
  const [fields, setFields] = useState<NoteFields>(() => initialFields(personId, note, mergeWith));
  const [kind, setKind] = useState<Kind>(fields.interaction ? 'interaction' : startAs);
  // Kept while the kind switches back and forth, so a chosen type and day are not lost.
  const [interaction, setInteraction] = useState<Interaction>(
    () => fields.interaction ?? { type: 'meeting', on: toLocalDay(Date.now()) },
  );
  // The latest day an interaction can be logged on: today, as of opening the editor.
  const [today] = useState(() => toLocalDay(Date.now()));
  const save = useSaveNote();
  const resolve = useResolveConflict();
  const tags = useNoteTags();
  const set = <K extends keyof NoteFields>(key: K, value: NoteFields[K]) =>
    setFields((current) => ({ ...current, [key]: value }));

  const merging = Boolean(note && mergeWith);
  const pending = save.isPending || resolve.isPending;
  const error = save.error ?? resolve.error;
  const canSave = kind === 'interaction' ? Boolean(interaction.on) : Boolean(fields.body.trim());

  const submit = () => {
    const final: NoteFields = { ...fields, interaction: kind === 'interaction' ? interaction : null };
    if (note && mergeWith) {
      resolve.mutate({ original: note, copy: mergeWith, fields: final }, { onSuccess: onClose });
    } else {
      save.mutate({ ...final, id: note?.id }, { onSuccess: onClose });
    }
  };

  return (
    <Modal opened onClose={onClose} title={editorTitle(note, kind, merging, personName)} size="xl">
      <Stack gap="md" data-testid="note-editor">
        {merging ? (
          <Alert variant="light" color="orange" icon={<IconGitMerge />} data-testid="merge-notice">
            Both versions are below, one after the other. Tidy them into one text and save: the conflict copy
            is then deleted.
          </Alert>
        ) : (
          <SegmentedControl
            fullWidth
            value={kind}
            onChange={(value) => setKind(value as Kind)}
            data={[
              { value: 'note', label: 'Write a note' },
              { value: 'interaction', label: 'Log an interaction' },
            ]}
            data-testid="note-kind"
          />
        )}
        {kind === 'interaction' ? (
          <Group grow align="flex-start" data-testid="interaction-fields">
            <Select
              label="Interaction"
              data={interactionOptions}
              value={interaction.type}
              onChange={(value) =>
                value && setInteraction((current) => ({ ...current, type: value as Interaction['type'] }))
              }
              allowDeselect={false}
              comboboxProps={{ withinPortal: true }}
            />
            <TextInput
              type="date"
              label="Day"
              max={today}
              value={interaction.on}
              onChange={(event) => {
                const on = event.currentTarget.value;
                setInteraction((current) => ({ ...current, on }));
              }}
              error={interaction.on ? null : 'Pick the day it happened'}
            />
          </Group>
        ) : null}
        <MarkdownEditor
          label={kind === 'interaction' ? 'What you talked about (optional)' : 'Note'}
          ariaLabel="Note"
          placeholder="What you talked about, what to remember… Markdown works: **bold**, lists, [links](https://…)"
          minRows={6}
          maxRows={18}
          autoFocus
          value={fields.body}
          onChange={(value) => set('body', value)}
          previewHeight={150}
          testIds={{ preview: 'note-preview' }}
        />
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
        {error ? <InlineError title="Not saved" error={error} /> : null}
        <FormActions
          onCancel={onClose}
          onSubmit={submit}
          submitLabel={merging ? 'Save and delete the copy' : 'Save'}
          submitTestId="note-save"
          pending={pending}
          disabled={!canSave}
        />
      </Stack>
    </Modal>
  );
}
