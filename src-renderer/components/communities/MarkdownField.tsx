import { Box, Group, Paper, SegmentedControl, Text, Textarea } from '@mantine/core';
import { useState } from 'react';
import { POST_BODY_MAX } from '#shared/domain/community';
import { bodyTooLong } from '../../lib/community-form.ts';
import { Markdown } from '../Markdown.tsx';

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
  const [mode, setMode] = useState<'write' | 'preview'>('write');
  const over = bodyTooLong(value);
  return (
    <Box data-testid={testId}>
      <Group justify="space-between" mb={6}>
        <Text size="sm" fw={500}>
          {label}
        </Text>
        <SegmentedControl
          size="xs"
          value={mode}
          onChange={(next) => setMode(next as 'write' | 'preview')}
          data={[
            { value: 'write', label: 'Write' },
            { value: 'preview', label: 'Preview' },
          ]}
          data-testid="markdown-mode"
        />
      </Group>
      {mode === 'write' ? (
        <Textarea
          aria-label={label}
          placeholder={placeholder}
          autosize
          minRows={minRows}
          maxRows={16}
          value={value}
          onChange={(event) => onChange(event.currentTarget.value)}
          error={error}
          data-testid="markdown-input"
        />
      ) : (
        <Paper withBorder radius="md" p="sm" mih={90} data-testid="markdown-preview">
          {value.trim() ? (
            <Markdown>{value}</Markdown>
          ) : (
            <Text size="sm" c="dimmed">
              Nothing to preview yet.
            </Text>
          )}
          {error ? (
            <Text size="xs" c="red" mt="xs">
              {error}
            </Text>
          ) : null}
        </Paper>
      )}
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
