import { Group, Paper, SegmentedControl, Stack, Text, TextInput, UnstyledButton } from '@mantine/core';
import { IconPencil, IconSend } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import { EVENT_PLACE_MAX, POST_TITLE_MAX, type CommunityRole } from '#shared/domain/community';
import { TITLED_POST_KINDS } from '#shared/domain/community-rules';
import { MarkdownField } from '../../components/communities/MarkdownField.tsx';
import { PersonAvatar } from '../../components/PersonAvatar.tsx';
import { useCreatePost } from '../../hooks/use-community-actions.ts';
import { useSession } from '../../hooks/use-session.ts';
import { POST_KIND_LABELS } from '#shared/domain/community';
import { composableKinds, type FeedKind } from '../../lib/community-labels.ts';
import { validatePost, type PostDraft, type PostFieldErrors } from '../../lib/community-form.ts';
import { ActionError, FormActions } from '../../components/FormActions.tsx';

const EMPTY: PostDraft = { kind: 'post', title: '', body: '', startsAt: '', place: '' };

const PLACEHOLDERS: Record<FeedKind, string> = {
  post: 'Share an update, a link or a thought…',
  question: 'Add the details: what you tried, what you expected…',
  event: 'What it is about, who it is for, how to join…',
  announcement: 'What members need to know…',
  best_practice: 'What works, when, and why…',
  job_opening: 'The role, the team, and who to contact…',
};

/** Writes a post in a community: a kind (announcements for leaders only), a title where the kind needs one. */
export function PostComposer({ communityId, role }: { communityId: string; role: CommunityRole | null }) {
  const [open, setOpen] = useState(false);
  const [draft, setDraft] = useState<PostDraft>(EMPTY);
  const [errors, setErrors] = useState<PostFieldErrors>({});
  const create = useCreatePost();
  const session = useSession();
  const me = session.data?.state === 'signed_in' ? session.data.me : null;
  const kinds = composableKinds(role);
  const set = <K extends keyof PostDraft>(key: K, value: PostDraft[K]) =>
    setDraft((current) => ({ ...current, [key]: value }));

  if (!open) {
    return (
      <Paper withBorder radius="lg" p="sm">
        <UnstyledButton w="100%" onClick={() => setOpen(true)} data-testid="compose-open">
          <Group gap="sm" wrap="nowrap">
            {me ? <PersonAvatar id={me.id} name={me.name} size="md" /> : null}
            <Text c="dimmed" size="sm" style={{ flex: 1 }}>
              Share something, ask a question, announce an event…
            </Text>
            <IconPencil size={18} color="var(--mantine-color-dimmed)" />
          </Group>
        </UnstyledButton>
      </Paper>
    );
  }

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const result = validatePost(draft);
    if (!result.ok) {
      setErrors(result.errors);
      return;
    }
    setErrors({});
    create.mutate(
      { communityId, kind: draft.kind, parentId: null, ...result.fields },
      {
        onSuccess: () => {
          setDraft(EMPTY);
          setOpen(false);
        },
      },
    );
  };

  const titled = TITLED_POST_KINDS.has(draft.kind);
  return (
    <Paper withBorder radius="lg" p="md" component="form" onSubmit={submit} noValidate data-testid="composer">
      <Stack gap="sm">
        <SegmentedControl
          value={draft.kind}
          onChange={(value) => {
            set('kind', value as FeedKind);
            setErrors({});
          }}
          data={kinds.map((value) => ({ value, label: POST_KIND_LABELS[value] }))}
          data-testid="compose-kind"
        />
        {titled ? (
          <TextInput
            label="Title"
            placeholder={draft.kind === 'question' ? 'What do you want to know?' : undefined}
            value={draft.title}
            maxLength={POST_TITLE_MAX}
            onChange={(e) => set('title', e.currentTarget.value)}
            error={errors.title}
            data-testid="compose-title"
          />
        ) : null}
        {draft.kind === 'event' ? (
          <Group grow align="flex-start">
            <TextInput
              type="datetime-local"
              label="Starts"
              value={draft.startsAt}
              onChange={(e) => set('startsAt', e.currentTarget.value)}
              error={errors.startsAt}
              data-testid="compose-starts-at"
            />
            <TextInput
              label="Place"
              placeholder="Room 4.12, Lyon, or a meeting link"
              value={draft.place}
              maxLength={EVENT_PLACE_MAX}
              onChange={(e) => set('place', e.currentTarget.value)}
              error={errors.place}
              data-testid="compose-place"
            />
          </Group>
        ) : null}
        <MarkdownField
          label={draft.kind === 'event' ? 'Details (optional)' : 'Text'}
          value={draft.body}
          onChange={(value) => set('body', value)}
          error={errors.body}
          placeholder={PLACEHOLDERS[draft.kind as FeedKind]}
          testId="compose-body"
        />
        {errors.form ? (
          <Text size="sm" c="red">
            {errors.form}
          </Text>
        ) : null}
        <ActionError title="Not posted" error={create.error} testId="compose-error" />
        <FormActions
          onCancel={() => {
            setOpen(false);
            setErrors({});
            create.reset();
          }}
          icon={<IconSend size={16} />}
          submitLabel={draft.kind === 'question' ? 'Ask' : 'Post'}
          submitTestId="compose-submit"
          pending={create.isPending}
        />
      </Stack>
    </Paper>
  );
}
