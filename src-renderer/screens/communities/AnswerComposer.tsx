import { Paper, Stack } from '@mantine/core';
import { IconSend } from '@tabler/icons-react';
import { useState } from 'react';
import { MarkdownField } from '../../components/communities/MarkdownField.tsx';
import { useCreatePost } from '../../hooks/use-community-actions.ts';
import { validatePost } from '../../lib/community-form.ts';
import { ActionError, FormActions } from '../../components/FormActions.tsx';

/** "Your answer" under a question. */
export function AnswerComposer({ communityId, questionId }: { communityId: string; questionId: string }) {
  const [body, setBody] = useState('');
  const [error, setError] = useState<string | undefined>();
  const create = useCreatePost();

  const submit = () => {
    const result = validatePost({ kind: 'answer', title: '', body, startsAt: '', place: '' });
    if (!result.ok) {
      setError(result.errors.body ?? result.errors.form);
      return;
    }
    setError(undefined);
    create.mutate(
      { communityId, kind: 'answer', parentId: questionId, ...result.fields, title: null },
      { onSuccess: () => setBody('') },
    );
  };

  return (
    <Paper withBorder radius="lg" p="md" data-testid="answer-composer">
      <Stack gap="sm">
        <MarkdownField
          label="Your answer"
          value={body}
          onChange={setBody}
          error={error}
          placeholder="Share what you know: what worked for you, links, steps…"
          minRows={3}
          testId="answer-body"
        />
        <ActionError title="Not posted" error={create.error} testId="answer-error" />
        <FormActions
          onSubmit={submit}
          icon={<IconSend size={16} />}
          submitLabel="Answer"
          submitTestId="answer-submit"
          pending={create.isPending}
        />
      </Stack>
    </Paper>
  );
}
