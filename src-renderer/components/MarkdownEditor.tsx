import { Box, Group, Paper, SegmentedControl, Text, Textarea } from '@mantine/core';
import { useState } from 'react';
import { Markdown } from './Markdown.tsx';

interface Props {
  label: string;
  /** The textarea's name for assistive technology, where it differs from the visible label. */
  ariaLabel?: string;
  value: string;
  onChange: (value: string) => void;
  error?: string;
  placeholder?: string;
  minRows: number;
  maxRows: number;
  autoFocus?: boolean;
  previewHeight: number;
  testIds: { mode?: string; input?: string; preview: string };
}

/** Markdown to write, with a Write / Preview switch beside its label. */
export function MarkdownEditor(props: Props) {
  const { label, value, onChange, error, previewHeight, testIds } = props;
  const [mode, setMode] = useState<'write' | 'preview'>('write');
  return (
    <Box>
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
          data-testid={testIds.mode}
        />
      </Group>
      {mode === 'write' ? (
        <Textarea
          aria-label={props.ariaLabel ?? label}
          placeholder={props.placeholder}
          autosize
          minRows={props.minRows}
          maxRows={props.maxRows}
          data-autofocus={props.autoFocus || undefined}
          value={value}
          onChange={(event) => onChange(event.currentTarget.value)}
          error={error}
          data-testid={testIds.input}
        />
      ) : (
        <Paper withBorder radius="md" p="sm" mih={previewHeight} data-testid={testIds.preview}>
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
    </Box>
  );
}
