import { Stack, TextInput } from '@mantine/core';
import { useState } from 'react';
import { POST_TITLE_MAX, type Post } from '#shared/domain/community';
import { TITLED_POST_KINDS } from '#shared/domain/community-rules';
import { MarkdownField } from '../../components/communities/MarkdownField.tsx';
import { useUpdatePost } from '../../hooks/use-community-actions.ts';
import { validatePost, type PostFieldErrors } from '../../lib/community-form.ts';
import { ActionError, FormActions } from '../../components/FormActions.tsx';

/** Edits a post's title and text in place; the event's time and place stay as they are. */
export function PostEditor({ post, onDone }: { post: Post; onDone: () => void }) {
  const [title, setTitle] = useState(post.title ?? '');
  const [body, setBody] = useState(post.body);
  const [errors, setErrors] = useState<PostFieldErrors>({});
  const update = useUpdatePost();
  const titled = TITLED_POST_KINDS.has(post.kind);

  const save = () => {
    const result = validatePost({
      kind: post.kind,
      title,
      body,
      startsAt: post.event ? new Date(post.event.startsAt).toISOString() : '',
      place: post.event?.place ?? '',
    });
    if (!result.ok) {
      setErrors(result.errors);
      return;
    }
    setErrors({});
    update.mutate(
      { postId: post.id, patch: { title: result.fields.title, body: result.fields.body } },
      { onSuccess: onDone },
    );
  };

  return (
    <Stack gap="sm" data-testid="post-editor">
      {titled ? (
        <TextInput
          label="Title"
          value={title}
          maxLength={POST_TITLE_MAX}
          onChange={(e) => setTitle(e.currentTarget.value)}
          error={errors.title}
        />
      ) : null}
      <MarkdownField label="Text" value={body} onChange={setBody} error={errors.body} />
      <ActionError title="Not saved" error={update.error} testId="post-edit-error" />
      <FormActions
        onCancel={onDone}
        onSubmit={save}
        submitLabel="Save"
        submitTestId="post-edit-save"
        pending={update.isPending}
      />
    </Stack>
  );
}
