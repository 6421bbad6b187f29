import { Box, Group, Skeleton, Stack, Text, UnstyledButton } from '@mantine/core';
import { memo } from 'react';
import type { PersonSummary } from '#shared/domain/person';
import { PersonAvatar } from '../../components/PersonAvatar.tsx';
import { PersonName } from '../../components/PersonLink.tsx';
import { ROW_HEIGHT } from './use-result-list.ts';
import classes from './ResultRow.module.css';

interface RowProps {
  person: PersonSummary;
  index: number;
  highlighted: boolean;
  /** Offset from the top of the list, in px. */
  start: number;
  onOpen: (index: number) => void;
}

const positioned = (start: number) => ({ height: ROW_HEIGHT, transform: `translateY(${start}px)` });

export function rowDomId(index: number): string {
  return `directory-row-${index}`;
}

export const ResultRow = memo(function ResultRow({ person, index, highlighted, start, onOpen }: RowProps) {
  const place = [person.department, person.location].filter(Boolean).join(' · ');
  return (
    <UnstyledButton
      id={rowDomId(index)}
      role="option"
      aria-selected={highlighted}
      tabIndex={-1}
      className={classes.row}
      data-highlighted={highlighted || undefined}
      data-testid="directory-row"
      style={positioned(start)}
      onClick={() => onOpen(index)}
    >
      <Group gap="md" wrap="nowrap" h="100%" px="lg">
        <PersonAvatar id={person.id} name={person.name} inactive={!person.active} />
        <Stack gap={0} className={classes.main}>
          <PersonName person={person} gap="xs" />
          <Text size="sm" c="dimmed" truncate="end">
            {person.title || '—'}
          </Text>
        </Stack>
        <Text size="sm" c="dimmed" truncate="end" className={classes.place} title={place}>
          {place}
        </Text>
      </Group>
    </UnstyledButton>
  );
});

export const SkeletonRow = memo(function SkeletonRow({ start }: { start: number }) {
  return (
    <Box
      style={positioned(start)}
      className={classes.skeleton}
      aria-hidden
      data-testid="directory-row-skeleton"
    >
      <Group gap="md" wrap="nowrap" h="100%" px="lg">
        <Skeleton circle height={38} />
        <Stack gap={8} className={classes.main}>
          <Skeleton height={10} width="40%" radius="xl" />
          <Skeleton height={8} width="60%" radius="xl" />
        </Stack>
        <Skeleton height={8} width={160} radius="xl" />
      </Group>
    </Box>
  );
});
