import { Badge, Button, Group, Paper, Stack, Text } from '@mantine/core';
import { IconArrowRight, IconMessageCircle } from '@tabler/icons-react';
import { Fragment } from 'react';
import { useLocation } from 'wouter';
import type { IntroPath } from '#shared/domain/graph';
import type { PersonSummary } from '#shared/domain/person';
import { PersonAvatar } from '../../components/PersonAvatar.tsx';
import {
  describeAsk,
  describePathScore,
  describeTie,
  PATH_STRENGTH_COLORS,
  tieHasStrength,
} from '../../graph/introductions.ts';
import { StrengthDots } from './StrengthDots.tsx';
import { personHref } from '../../components/PersonLink.tsx';

/** One way to reach someone: who to ask, first and large, then every step and how each knows the next. */
export function IntroPathCard({
  path,
  rank,
  target,
}: {
  path: IntroPath;
  rank: number;
  target: PersonSummary;
}) {
  const [, navigate] = useLocation();
  const strength = describePathScore(path.score);
  return (
    <Paper withBorder radius="lg" p="md" data-testid="intro-path">
      <Group justify="space-between" align="flex-start" wrap="nowrap" mb="md">
        <Group gap="sm" wrap="nowrap">
          <PersonAvatar id={path.ask.id} name={path.ask.name} size="lg" />
          <Stack gap={2}>
            <Text size="xs" c="dimmed" tt="uppercase" fw={600} lts={0.4}>
              Option {rank}
            </Text>
            <Text fw={700} size="lg" data-testid="intro-ask">
              Ask {path.ask.name}
            </Text>
            <Text size="sm" c="dimmed">
              {path.ask.title} · {path.ask.department}
            </Text>
          </Stack>
        </Group>
        <Stack gap={6} align="flex-end">
          <Badge color={PATH_STRENGTH_COLORS[strength]} variant="light" size="lg">
            {strength} path
          </Badge>
          <Text size="xs" c="dimmed">
            {describeAsk(path, target.name)}
          </Text>
        </Stack>
      </Group>
      <Group gap={6} wrap="wrap" align="center" aria-label="The path, step by step">
        <Chip name="You" />
        {path.steps.map((step) => (
          <Fragment key={step.person.id}>
            <Stack gap={2} align="center" px={4}>
              <Text size="xs" c="dimmed">
                {describeTie(step)}
              </Text>
              <Group gap={4} wrap="nowrap">
                {tieHasStrength(step) ? <StrengthDots strength={step.strength} /> : null}
                <IconArrowRight size={14} color="var(--mantine-color-gray-5)" />
              </Group>
            </Stack>
            <Chip
              name={step.person.name}
              id={step.person.id}
              onOpen={() => navigate(personHref(step.person.id))}
            />
          </Fragment>
        ))}
      </Group>
      <Group mt="md" gap="xs">
        <Button
          size="xs"
          variant="light"
          leftSection={<IconMessageCircle size={14} />}
          onClick={() => navigate(personHref(path.ask.id))}
        >
          Open {path.ask.name.split(' ')[0]}’s profile
        </Button>
      </Group>
    </Paper>
  );
}

function Chip({ name, id, onOpen }: { name: string; id?: string; onOpen?: () => void }) {
  const body = (
    <Group gap={6} wrap="nowrap">
      {id ? <PersonAvatar id={id} name={name} size={22} /> : null}
      <Text size="sm" fw={id ? 500 : 600}>
        {name}
      </Text>
    </Group>
  );
  if (!onOpen) {
    return (
      <Badge size="lg" variant="filled" radius="xl">
        {name}
      </Badge>
    );
  }
  return (
    <Button variant="default" radius="xl" size="compact-md" onClick={onOpen} px="xs">
      {body}
    </Button>
  );
}
