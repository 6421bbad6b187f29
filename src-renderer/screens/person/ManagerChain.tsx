import { Anchor, Text, Timeline } from '@mantine/core';
import { Link } from 'wouter';
import type { Person, PersonSummary } from '#shared/domain/person';
import { PersonAvatar } from '../../components/PersonAvatar.tsx';

/** From the top of the organisation down to this person; every manager opens their own page. */
export function ManagerChain({ chain, person }: { chain: readonly PersonSummary[]; person: Person }) {
  const topDown = orderTopDown(chain, person);
  if (topDown.length === 0) {
    return (
      <Text size="sm" c="dimmed" data-testid="manager-chain">
        {person.name} is at the top of the organisation.
      </Text>
    );
  }
  return (
    <Timeline active={topDown.length} bulletSize={30} lineWidth={2} data-testid="manager-chain">
      {topDown.map((manager) => (
        <Timeline.Item
          key={manager.id}
          bullet={<PersonAvatar id={manager.id} name={manager.name} size={28} inactive={!manager.active} />}
          title={
            <Anchor
              component={Link}
              href={`/people/${encodeURIComponent(manager.id)}`}
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

/**
 * The contract documents the chain as direct manager first; the local store currently answers top first.
 * The direct manager (person.managerId) tells which end is which, so either order renders top-down.
 */
function orderTopDown(chain: readonly PersonSummary[], person: Person): PersonSummary[] {
  const directFirst = chain[0]?.id === person.managerId && chain.length > 1;
  return directFirst ? [...chain].reverse() : [...chain];
}
