import {
  Chip,
  Group,
  Modal,
  Rating,
  SegmentedControl,
  Stack,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useState } from 'react';
import {
  CONNECTION_KINDS,
  NEW_CONNECTION,
  type Connection,
  type ConnectionFields,
} from '#shared/domain/connection';
import { InlineError } from '../../components/InlineError.tsx';
import { useSaveConnection } from '../../hooks/use-network.ts';
import { CONNECTION_KIND_LABELS, STRENGTH_LABELS } from '../../lib/connection-labels.ts';
import { KeepInTouchInput } from './KeepInTouchInput.tsx';
import { FormActions } from '../../components/FormActions.tsx';

interface Props {
  personId: string;
  personName: string;
  connection: Connection | null;
  onClose: () => void;
}

/** The fields that differ from what was there: only those are sent, so other devices' edits survive. */
function changedFields(before: ConnectionFields, after: ConnectionFields): Partial<ConnectionFields> {
  const patch: Partial<Record<keyof ConnectionFields, unknown>> = {};
  for (const key of Object.keys(after) as (keyof ConnectionFields)[]) {
    if (JSON.stringify(before[key]) !== JSON.stringify(after[key])) patch[key] = after[key];
  }
  return patch as Partial<ConnectionFields>;
}

/** Add or edit how you know someone. Saved locally at once and synced when the server can be reached. */
export function ConnectionEditor({ personId, personName, connection, onClose }: Props) {
  // A new connection starts with no kind: the person picks how they know each other.
  const initial: ConnectionFields = connection ?? { ...NEW_CONNECTION, kinds: [] };
  const [fields, setFields] = useState<ConnectionFields>(initial);
  const save = useSaveConnection(personId);
  const set = <K extends keyof ConnectionFields>(key: K, value: ConnectionFields[K]) =>
    setFields((current) => ({ ...current, [key]: value }));

  const submit = () => {
    const patch = connection ? changedFields(connection, fields) : fields;
    if (Object.keys(patch).length === 0) return onClose();
    save.mutate(patch, { onSuccess: onClose });
  };

  return (
    <Modal
      opened
      onClose={onClose}
      title={`${connection ? 'Edit' : 'Add'} your connection with ${personName}`}
      size="lg"
    >
      <Stack gap="md" data-testid="connection-editor">
        <div>
          <Text size="sm" fw={500} mb={6}>
            How you know each other
          </Text>
          <Chip.Group
            multiple
            value={fields.kinds}
            onChange={(kinds) => set('kinds', kinds as ConnectionFields['kinds'])}
          >
            <Group gap="xs">
              {CONNECTION_KINDS.map((kind) => (
                <Chip key={kind} value={kind} size="sm">
                  {CONNECTION_KIND_LABELS[kind]}
                </Chip>
              ))}
            </Group>
          </Chip.Group>
        </div>
        <div>
          <Text size="sm" fw={500} mb={6}>
            Strength
          </Text>
          <Group gap="sm">
            <Rating
              value={fields.strength}
              onChange={(value) => set('strength', value || 1)}
              aria-label="Strength"
            />
            <Text size="sm" c="dimmed">
              {STRENGTH_LABELS[fields.strength]}
            </Text>
          </Group>
        </div>
        <Textarea
          label="How you met"
          placeholder="The Lyon platform guild, 2023 — she helped us move to Kubernetes"
          autosize
          minRows={2}
          maxLength={2000}
          value={fields.howMet}
          onChange={(event) => set('howMet', event.currentTarget.value)}
        />
        <Group grow>
          <TextInput
            type="date"
            label="Known since"
            value={fields.since ?? ''}
            onChange={(event) => set('since', event.currentTarget.value || null)}
          />
          <TextInput
            type="date"
            label="Last interaction"
            value={fields.lastInteractionAt ?? ''}
            onChange={(event) => set('lastInteractionAt', event.currentTarget.value || null)}
          />
        </Group>
        <KeepInTouchInput value={fields.keepInTouchDays} onChange={(days) => set('keepInTouchDays', days)} />
        <div>
          <Text size="sm" fw={500} mb={6}>
            Who can see it
          </Text>
          <SegmentedControl
            value={fields.visibility}
            onChange={(value) => set('visibility', value as ConnectionFields['visibility'])}
            data={[
              { value: 'private', label: 'Only me' },
              { value: 'shared', label: 'Shared' },
            ]}
          />
          <Text size="xs" c="dimmed" mt={6}>
            {fields.visibility === 'shared'
              ? 'Colleagues see that you know each other and how closely, so they can ask you for an introduction. How you met and your dates stay private.'
              : 'Nobody else sees this connection.'}
          </Text>
        </div>
        {save.error ? <InlineError title="Not saved" error={save.error} /> : null}
        <FormActions
          onCancel={onClose}
          onSubmit={submit}
          submitLabel="Save"
          submitTestId="connection-save"
          pending={save.isPending}
          disabled={fields.kinds.length === 0}
        />
      </Stack>
    </Modal>
  );
}
