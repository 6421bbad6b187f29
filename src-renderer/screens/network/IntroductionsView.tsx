import { Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconCircleCheck, IconRouteOff, IconUserSearch } from '@tabler/icons-react';
import { useState } from 'react';
import { useLocation } from 'wouter';
import type { Introductions } from '#shared/domain/graph';
import type { PersonSummary } from '#shared/domain/person';
import { CenteredEmpty } from '../../components/CenteredEmpty.tsx';
import { CenteredLoader, QueryBoundary } from '../../components/QueryBoundary.tsx';
import { PersonAvatar } from '../../components/PersonAvatar.tsx';
import { useIntroductions, usePeopleSearch } from './use-graph.ts';
import { useSession } from '../../hooks/use-session.ts';
import { IntroPathCard } from './IntroPathCard.tsx';
import { PersonPicker } from './PersonPicker.tsx';
import { personHref } from '../../components/PersonLink.tsx';

interface Props {
  /** Whom to reach; null until someone is picked. */
  targetId: string | null;
  onPick: (personId: string) => void;
}

/** "Who can introduce me to X": pick anyone in the directory, see the best three paths to them. */
export function IntroductionsView({ targetId, onPick }: Props) {
  const [text, setText] = useState('');
  const [debounced] = useDebouncedValue(text, 150);
  const search = usePeopleSearch(debounced);
  const session = useSession().data;
  const meId = session?.state === 'signed_in' ? session.me?.id : undefined;
  const candidates = (search.data?.items ?? []).filter((p) => p.id !== meId);

  return (
    <Stack gap="lg" maw={880} data-testid="introductions">
      <Stack gap={4}>
        <Title order={2} fz="lg">
          Who can introduce me?
        </Title>
        <Text size="sm" c="dimmed">
          Pick anyone in the company: Kith finds the people you know who can vouch for you, step by step,
          through connections, reporting lines and communities. Everything is worked out on this computer.
        </Text>
      </Stack>
      <PersonPicker
        people={candidates}
        value={text}
        onChange={setText}
        onPick={(person) => {
          setText('');
          onPick(person.id);
        }}
        remote
        busy={search.isFetching}
        placeholder="Search the directory: name, title, skill…"
        testId="intro-picker"
        size="md"
      />
      {targetId ? (
        <IntroResult targetId={targetId} />
      ) : (
        <CenteredEmpty
          py={48}
          icon={<IconUserSearch size={28} />}
          title="Whom would you like to meet?"
          description="Search for a colleague above, or open someone in the graph and choose “Who can introduce me?”."
        />
      )}
    </Stack>
  );
}

function IntroResult({ targetId }: { targetId: string }) {
  const intro = useIntroductions(targetId);
  return (
    <QueryBoundary query={intro} errorTitle="Could not look for a path" loading={<CenteredLoader py={48} />}>
      {(data) => <IntroPaths intro={data} />}
    </QueryBoundary>
  );
}

function IntroPaths({ intro }: { intro: Introductions }) {
  const [, navigate] = useLocation();
  const { target, direct, paths } = intro;
  return (
    <Stack gap="md">
      <TargetCard target={target} onOpen={() => navigate(personHref(target.id))} />
      {direct ? (
        <Group gap="xs" data-testid="intro-direct">
          <IconCircleCheck size={20} color="var(--mantine-color-teal-6)" />
          <Text fw={600}>You already know {target.name}: no introduction needed.</Text>
        </Group>
      ) : null}
      {!direct && paths.length === 0 ? (
        <CenteredEmpty
          py={32}
          icon={<IconRouteOff size={28} />}
          title={`No path to ${target.name} within reach`}
          description={`No one you know is linked to ${target.name} through a shared connection, a reporting line or a community. Join a community they are in, or add the colleagues you know in ${target.department || 'their department'}.`}
          testId="intro-none"
        />
      ) : null}
      {paths.map((path, index) => (
        <IntroPathCard key={path.ask.id} path={path} rank={index + 1} target={target} />
      ))}
    </Stack>
  );
}

function TargetCard({ target, onOpen }: { target: PersonSummary; onOpen: () => void }) {
  return (
    <Paper withBorder radius="lg" p="md" bg="var(--mantine-color-default-hover)">
      <Group justify="space-between" wrap="nowrap">
        <Group gap="md" wrap="nowrap">
          <PersonAvatar id={target.id} name={target.name} size="lg" inactive={!target.active} />
          <Stack gap={0}>
            <Text size="xs" c="dimmed" tt="uppercase" fw={600} lts={0.4}>
              Reaching
            </Text>
            <Text fw={700} size="lg" data-testid="intro-target">
              {target.name}
            </Text>
            <Text size="sm" c="dimmed">
              {[target.title, target.department, target.location].filter(Boolean).join(' · ')}
            </Text>
          </Stack>
        </Group>
        <Button variant="default" size="xs" onClick={onOpen}>
          Open profile
        </Button>
      </Group>
    </Paper>
  );
}
