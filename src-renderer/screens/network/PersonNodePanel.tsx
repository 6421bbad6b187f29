import { Badge, Button, Divider, Group, Rating, Stack, Text, Textarea, Title } from '@mantine/core';
import { IconNote, IconRoute, IconUser, IconUserPlus } from '@tabler/icons-react';
import { useState, type ReactNode } from 'react';
import { useLocation } from 'wouter';
import type { GraphPersonNode } from '#shared/domain/graph';
import type { PersonSummary } from '#shared/domain/person';
import { PersonAvatar } from '../../components/PersonAvatar.tsx';
import { useConnection, useSaveConnection } from '../../hooks/use-network.ts';
import { useSaveNote } from '../../hooks/use-notes.ts';
import { CONNECTION_KIND_LABELS, STRENGTH_LABELS } from '../../lib/connection-labels.ts';
import { listInWords } from '../../graph/network-insights.ts';
import { NoteSummary } from './NoteSummary.tsx';
import { personHref } from '../../components/PersonLink.tsx';

export const DEPTH_LABELS = ['You', '1st', '2nd'] as const;

interface Props {
  node: GraphPersonNode;
  /** The people you know who know them. */
  mutuals: readonly PersonSummary[];
  today: string;
}

/** A person picked in the graph or the list: who they are, how you know them, your notes, what to do next. */
export function PersonNodePanel({ node, mutuals, today }: Props) {
  const { person } = node;
  const [, navigate] = useLocation();
  const isMe = node.depth === 0;
  const profile = personHref(person.id);
  return (
    <Stack gap="md">
      <Group gap="md" wrap="nowrap" align="flex-start">
        <PersonAvatar id={person.id} name={person.name} size={56} inactive={!person.active} />
        <Stack gap={2} style={{ minWidth: 0 }}>
          <Group gap={6}>
            <Title order={2} fz="lg" data-testid="panel-name">
              {person.name}
            </Title>
            <Badge size="sm" variant="light" color={isMe ? 'indigo' : 'gray'}>
              {DEPTH_LABELS[node.depth]}
            </Badge>
          </Group>
          <Text size="sm">{person.title}</Text>
          <Text size="sm" c="dimmed">
            {person.department} · {person.location}
          </Text>
        </Stack>
      </Group>
      {isMe ? (
        <Text size="sm" c="dimmed">
          This is you: every line in the graph starts from here.
        </Text>
      ) : (
        <>
          <Block title="How you know them">
            <ConnectionSummary personId={person.id} name={person.name} mutuals={mutuals} />
          </Block>
          <Block title="Your notes">
            <NoteSummary personId={person.id} today={today} />
            <QuickNote personId={person.id} />
          </Block>
        </>
      )}
      <Divider />
      <Group gap="xs">
        <Button
          size="xs"
          variant="light"
          leftSection={<IconUser size={14} />}
          onClick={() => navigate(profile)}
        >
          Open profile
        </Button>
        {!isMe && node.depth !== 1 ? (
          <Button
            size="xs"
            variant="light"
            color="grape"
            leftSection={<IconRoute size={14} />}
            onClick={() => navigate(`/network/introduce/${encodeURIComponent(person.id)}`)}
            data-testid="panel-introduce"
          >
            Who can introduce me?
          </Button>
        ) : null}
      </Group>
    </Stack>
  );
}

function Block({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Stack gap={6}>
      <Text size="xs" tt="uppercase" fw={600} c="dimmed" lts={0.4}>
        {title}
      </Text>
      {children}
    </Stack>
  );
}

function ConnectionSummary(props: { personId: string; name: string; mutuals: readonly PersonSummary[] }) {
  const connection = useConnection(props.personId);
  const save = useSaveConnection(props.personId);
  if (connection.isPending)
    return (
      <Text size="sm" c="dimmed">
        …
      </Text>
    );
  if (connection.data) {
    const { kinds, strength, visibility } = connection.data;
    return (
      <Stack gap={6} data-testid="panel-connection">
        <Group gap={4}>
          {kinds.map((kind) => (
            <Badge key={kind} size="sm" variant="light">
              {CONNECTION_KIND_LABELS[kind]}
            </Badge>
          ))}
          <Badge size="sm" variant="outline" color="gray">
            {visibility === 'shared' ? 'Shared' : 'Private'}
          </Badge>
        </Group>
        <Group gap="xs">
          <Rating value={strength} readOnly size="xs" aria-label={`Strength ${strength} of 5`} />
          <Text size="sm" c="dimmed">
            {STRENGTH_LABELS[strength]}
          </Text>
        </Group>
      </Stack>
    );
  }
  const first = props.name.split(' ')[0];
  return (
    <Stack gap={6}>
      <Text size="sm" c="dimmed">
        {props.mutuals.length
          ? `Not one of your connections. You both know ${listInWords(
              props.mutuals.map((p) => p.name),
              3,
            )}.`
          : `Not one of your connections yet.`}
      </Text>
      <Button
        size="xs"
        w="fit-content"
        leftSection={<IconUserPlus size={14} />}
        loading={save.isPending}
        onClick={() => save.mutate({ kinds: ['other'], strength: 2 })}
        data-testid="panel-add-connection"
      >
        I know {first}
      </Button>
      {save.error ? (
        <Text size="xs" c="red">
          {save.error.message}
        </Text>
      ) : null}
    </Stack>
  );
}

/** A one-line note without leaving the graph; longer ones belong on the profile. */
function QuickNote({ personId }: { personId: string }) {
  const [body, setBody] = useState('');
  const [open, setOpen] = useState(false);
  const save = useSaveNote();
  if (!open) {
    return (
      <Button
        size="xs"
        variant="subtle"
        w="fit-content"
        px={4}
        leftSection={<IconNote size={14} />}
        onClick={() => setOpen(true)}
      >
        Add note
      </Button>
    );
  }
  const submit = () =>
    save.mutate(
      { personId, body: body.trim(), tags: [], pinned: false, followUpAt: null },
      { onSuccess: () => (setBody(''), setOpen(false)) },
    );
  return (
    <Stack gap={6}>
      <Textarea
        autoFocus
        autosize
        minRows={2}
        maxRows={6}
        placeholder="What did you talk about?"
        aria-label="Quick note"
        value={body}
        onChange={(event) => setBody(event.currentTarget.value)}
        onKeyDown={(event) => {
          if (event.key === 'Enter' && (event.metaKey || event.ctrlKey) && body.trim()) submit();
          if (event.key === 'Escape') setOpen(false);
        }}
        error={save.error?.message}
      />
      <Group gap="xs" justify="flex-end">
        <Button size="xs" variant="default" onClick={() => setOpen(false)}>
          Cancel
        </Button>
        <Button size="xs" disabled={!body.trim()} loading={save.isPending} onClick={submit}>
          Save note
        </Button>
      </Group>
    </Stack>
  );
}
