import { Box, Group, Text } from '@mantine/core';
import { POST_BODY_MAX } from '#shared/domain/community';
import { bodyTooLong } from '../../lib/community-form.ts';
import { MarkdownEditor } from '../MarkdownEditor.tsx';

interface Props {
  label: string;
  value: string;
  onChange: (value: string) => void;
  error?: string;
  placeholder?: string;
  minRows?: number;
  testId?: string;
}

/** Markdown with Write / Preview and a length counter against the post limit. */
export function MarkdownField({ label, value, onChange, error, placeholder, minRows = 4, testId }: Props) {
  const over = bodyTooLong(value);
  return (
    <Box data-testid={testId}>
      <MarkdownEditor
        label={label}
        value={value}
        onChange={onChange}
        error={error}
        placeholder={placeholder}
        minRows={minRows}
        maxRows={16}
        previewHeight={90}
        testIds={{ mode: 'markdown-mode', input: 'markdown-input', preview: 'markdown-preview' }}
      />
      <Group justify="space-between" mt={4}>
        <Text size="xs" c="dimmed">
          **bold**, _italic_, - lists, [links](https://…) and `code` work.
        </Text>
        <Text size="xs" c={over ? 'red' : 'dimmed'} fw={over ? 600 : undefined} data-testid="body-counter">
          {value.length.toLocaleString('en')} / {POST_BODY_MAX.toLocaleString('en')}
        </Text>
      </Group>
    </Box>
  );
}
