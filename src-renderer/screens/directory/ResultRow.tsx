import { Badge, Box, Group, Skeleton, Stack, Text, UnstyledButton } from '@mantine/core';
import type { CSSProperties } from 'react';
import type { PersonSummary } from '#shared/domain/person';
import { PersonAvatar } from '../../components/PersonAvatar.tsx';
import classes from './ResultRow.module.css';

interface RowProps {
  person: PersonSummary;
  index: number;
  highlighted: boolean;
  style: CSSProperties;
  onOpen: (person: PersonSummary, index: number) => void;
}

export function rowDomId(index: number): string {
  return `directory-row-${index}`;
}

export function ResultRow({ person, index, highlighted, style, onOpen }: RowProps) {
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
      style={style}
      onClick={() => onOpen(person, index)}
    >
      <Group gap="md" wrap="nowrap" h="100%" px="lg">
        <PersonAvatar id={person.id} name={person.name} inactive={!person.active} />
        <Stack gap={0} className={classes.main}>
          <Group gap="xs" wrap="nowrap">
            <Text fw={600} size="sm" truncate="end">
              {person.name}
            </Text>
            {person.active ? null : (
              <Badge size="xs" variant="light" color="gray">
                inactive
              </Badge>
            )}
          </Group>
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
}

export function SkeletonRow({ style }: { style: CSSProperties }) {
  return (
    <Box style={style} className={classes.skeleton} aria-hidden data-testid="directory-row-skeleton">
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
}
