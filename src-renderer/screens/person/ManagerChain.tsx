import { Anchor, Text, Timeline } from '@mantine/core';
import { Link } from 'wouter';
import type { Person, PersonSummary } from '#shared/domain/person';
import { PersonAvatar } from '../../components/PersonAvatar.tsx';
import { personHref } from '../../components/PersonLink.tsx';

/** From the top of the organisation down to this person; every manager opens their own page. */
export function ManagerChain({ chain, person }: { chain: readonly PersonSummary[]; person: Person }) {
  if (chain.length === 0) {
    return (
      <Text size="sm" c="dimmed" data-testid="manager-chain">
        {person.name} is at the top of the organisation.
      </Text>
    );
  }
  return (
    <Timeline active={chain.length} bulletSize={30} lineWidth={2} data-testid="manager-chain">
      {chain.map((manager) => (
        <Timeline.Item
          key={manager.id}
          bullet={<PersonAvatar id={manager.id} name={manager.name} size={28} inactive={!manager.active} />}
          title={
            <Anchor
              component={Link}
              href={personHref(manager.id)}
              size="sm"
              fw={600}
              c="var(--mantine-color-text)"
              data-testid="manager-chain-item"
            >
              {manager.name}
            </Anchor>
          }
        >
          <Text size="xs" c="dimmed">
            {manager.title}
          </Text>
        </Timeline.Item>
      ))}
      <Timeline.Item
        bullet={<PersonAvatar id={person.id} name={person.name} size={28} inactive={!person.active} />}
        title={
          <Text size="sm" fw={700}>
            {person.name}
          </Text>
        }
      >
        <Text size="xs" c="dimmed">
          {person.title}
        </Text>
      </Timeline.Item>
    </Timeline>
  );
}
