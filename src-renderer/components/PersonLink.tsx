import { Badge, Group, Stack, Text, UnstyledButton, type MantineSpacing } from '@mantine/core';
import { Link } from 'wouter';
import type { PersonSummary } from '#shared/domain/person';
import { INACTIVE_HINT } from '../lib/person-labels.ts';
import { PersonAvatar } from './PersonAvatar.tsx';
import classes from './PersonLink.module.css';

/** Where a person's profile opens. */
export const personHref = (id: string) => `/people/${encodeURIComponent(id)}`;

/** A compact, clickable person: avatar, name, title. */
export function PersonLink({ person, testId }: { person: PersonSummary; testId?: string }) {
  return (
    <UnstyledButton
      component={Link}
      href={personHref(person.id)}
      className={classes.link}
      data-testid={testId}
    >
      <Group gap="sm" wrap="nowrap">
        <PersonAvatar id={person.id} name={person.name} size="sm" inactive={!person.active} />
        <Stack gap={0} style={{ minWidth: 0 }}>
          <PersonName person={person} gap={6} />
          <Text size="xs" c="dimmed" truncate="end">
            {person.title}
          </Text>
        </Stack>
      </Group>
    </UnstyledButton>
  );
}

/** A person's name in bold, marked when they have left. */
export function PersonName({ person, gap }: { person: PersonSummary; gap: MantineSpacing | number }) {
  return (
    <Group gap={gap} wrap="nowrap">
      <Text size="sm" fw={600} truncate="end">
        {person.name}
      </Text>
      {person.active ? null : (
        <Badge size="xs" variant="light" color="gray" title={INACTIVE_HINT} data-testid="person-inactive">
          inactive
        </Badge>
      )}
    </Group>
  );
}
