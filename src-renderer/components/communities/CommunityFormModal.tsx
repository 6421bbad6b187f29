import {
  ActionIcon,
  Button,
  Group,
  Input,
  Modal,
  Radio,
  Select,
  Stack,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import {
  COMMUNITY_KINDS,
  COMMUNITY_NAME_MAX,
  COMMUNITY_PURPOSE_MAX,
  COMMUNITY_VISIBILITIES,
  OBJECTIVES_MAX,
  type Community,
  type CommunityDetail,
  type CommunityFields,
} from '#shared/domain/community';
import { useProposeCommunity, useUpdateCommunity } from '../../hooks/use-community-actions.ts';
import { COMMUNITY_KIND_LABELS, VISIBILITY_HINTS, VISIBILITY_LABELS } from '../../lib/community-labels.ts';
import {
  EMPTY_COMMUNITY_DRAFT,
  validateCommunity,
  type CommunityDraft,
  type CommunityFieldErrors,
} from '../../lib/community-form.ts';
import { ActionError, FormActions } from '../FormActions.tsx';

interface Props {
  /** Absent: propose a new community. */
  community?: Community;
  onClose: () => void;
  onSaved?: (detail: CommunityDetail) => void;
}

const kindOptions = COMMUNITY_KINDS.map((value) => ({ value, label: COMMUNITY_KIND_LABELS[value] }));

function draftOf(community: Community | undefined): CommunityDraft {
  if (!community) return EMPTY_COMMUNITY_DRAFT;
  const { name, kind, purpose, objectives, visibility } = community;
  return { name, kind, purpose, objectives: objectives.length ? objectives : [''], visibility };
}

/** Only what changed goes in an edit: another leader's edit to another field survives. */
function patchOf(before: Community, after: CommunityFields): Partial<CommunityFields> {
  const patch: Partial<CommunityFields> = {};
  if (after.name !== before.name) patch.name = after.name;
  if (after.kind !== before.kind) patch.kind = after.kind;
  if (after.purpose !== before.purpose) patch.purpose = after.purpose;
  if (after.visibility !== before.visibility) patch.visibility = after.visibility;
  if (JSON.stringify(after.objectives) !== JSON.stringify(before.objectives))
    patch.objectives = after.objectives;
  return patch;
}

/** Propose a community, or edit one as its leader: the contract's schema checks every field first. */
export function CommunityFormModal({ community, onClose, onSaved }: Props) {
  const [draft, setDraft] = useState<CommunityDraft>(() => draftOf(community));
  const [errors, setErrors] = useState<CommunityFieldErrors>({});
  const propose = useProposeCommunity();
  const update = useUpdateCommunity(community?.id ?? '');
  const save = community ? update : propose;
  const set = <K extends keyof CommunityDraft>(key: K, value: CommunityDraft[K]) =>
    setDraft((current) => ({ ...current, [key]: value }));
  const setObjective = (index: number, value: string) =>
    set(
      'objectives',
      draft.objectives.map((o, i) => (i === index ? value : o)),
    );

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const result = validateCommunity(draft);
    if (!result.ok) {
      setErrors(result.errors);
      return;
    }
    setErrors({});
    const done = (detail: CommunityDetail | null) => {
      onClose();
      if (detail) onSaved?.(detail);
    };
    if (community) {
      const patch = patchOf(community, result.fields);
      if (Object.keys(patch).length === 0) return onClose();
      update.mutate(patch, { onSuccess: done });
    } else {
      propose.mutate(result.fields, { onSuccess: done });
    }
  };

  return (
    <Modal
      opened
      onClose={onClose}
      size="lg"
      title={community ? `Edit ${community.name}` : 'Propose a community'}
    >
      <form onSubmit={submit} noValidate data-testid="community-form">
        <Stack gap="md">
          {community ? null : (
            <Text size="sm" c="dimmed">
              You become its first leader. Say what it is for and what it sets out to do, so colleagues know
              whether to join.
            </Text>
          )}
          <TextInput
            label="Name"
            placeholder="Kubernetes practitioners"
            value={draft.name}
            maxLength={COMMUNITY_NAME_MAX + 20}
            onChange={(e) => set('name', e.currentTarget.value)}
            error={errors.name}
            data-autofocus
            data-testid="community-form-name"
          />
          <Select
            label="Kind"
            data={kindOptions}
            value={draft.kind}
            onChange={(value) => value && set('kind', value as CommunityDraft['kind'])}
            allowDeselect={false}
            error={errors.kind}
            comboboxProps={{ withinPortal: true }}
            data-testid="community-form-kind"
          />
          <Textarea
            label="Purpose"
            description="What the community is for, in a few sentences"
            autosize
            minRows={3}
            maxRows={8}
            value={draft.purpose}
            onChange={(e) => set('purpose', e.currentTarget.value)}
            error={errors.purpose}
            data-testid="community-form-purpose"
          />
          <Input.Wrapper
            label="Objectives"
            description="What it sets out to achieve, one per line"
            error={errors.objectives}
          >
            <Stack gap={6} mt={6}>
              {draft.objectives.map((objective, index) => (
                <Group key={index} gap={6} wrap="nowrap">
                  <TextInput
                    style={{ flex: 1 }}
                    placeholder={index === 0 ? 'Share what works in production' : 'Another objective'}
                    value={objective}
                    onChange={(e) => setObjective(index, e.currentTarget.value)}
                    aria-label={`Objective ${index + 1}`}
                    data-testid="community-form-objective"
                  />
                  <ActionIcon
                    variant="subtle"
                    color="gray"
                    aria-label={`Remove objective ${index + 1}`}
                    disabled={draft.objectives.length === 1}
                    onClick={() =>
                      set(
                        'objectives',
                        draft.objectives.filter((_, i) => i !== index),
                      )
                    }
                  >
                    <IconTrash size={16} />
                  </ActionIcon>
                </Group>
              ))}
              <Button
                variant="subtle"
                size="compact-sm"
                w="fit-content"
                leftSection={<IconPlus size={14} />}
                disabled={draft.objectives.length >= OBJECTIVES_MAX}
                onClick={() => set('objectives', [...draft.objectives, ''])}
              >
                Add an objective
              </Button>
            </Stack>
          </Input.Wrapper>
          <Radio.Group
            label="Who can join"
            value={draft.visibility}
            onChange={(value) => set('visibility', value as CommunityDraft['visibility'])}
            error={errors.visibility}
          >
            <Stack gap={6} mt={6}>
              {COMMUNITY_VISIBILITIES.map((value) => (
                <Radio
                  key={value}
                  value={value}
                  label={VISIBILITY_LABELS[value]}
                  description={VISIBILITY_HINTS[value]}
                  data-testid={`community-form-visibility-${value}`}
                />
              ))}
            </Stack>
          </Radio.Group>
          <ActionError title="Not saved" error={save.error} testId="community-form-error" />
          <Text size="xs" c="dimmed">
            Purpose: {draft.purpose.length.toLocaleString('en')} /{' '}
            {COMMUNITY_PURPOSE_MAX.toLocaleString('en')} characters
          </Text>
          <FormActions
            onCancel={onClose}
            submitLabel={community ? 'Save changes' : 'Propose'}
            submitTestId="community-form-submit"
            pending={save.isPending}
          />
        </Stack>
      </form>
    </Modal>
  );
}
