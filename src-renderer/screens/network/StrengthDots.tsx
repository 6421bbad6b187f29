import { Box, Group } from '@mantine/core';
import { STRENGTH_LABELS } from '../../lib/connection-labels.ts';

/** A tie's strength as five dots, the label on hover and for screen readers. */
export function StrengthDots({ strength }: { strength: number }) {
  const label = `${STRENGTH_LABELS[strength] ?? ''} (${strength} of 5)`;
  return (
    <Group gap={3} wrap="nowrap" role="img" aria-label={`Strength: ${label}`} title={label}>
      {[1, 2, 3, 4, 5].map((n) => (
        <Box
          key={n}
          w={6}
          h={6}
          style={{
            borderRadius: 999,
            background: n <= strength ? 'var(--mantine-color-indigo-6)' : 'var(--mantine-color-gray-3)',
          }}
        />
      ))}
    </Group>
  );
}
