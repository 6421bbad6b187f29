import { Anchor, Group, Skeleton, Stack, Text } from '@mantine/core';
import { Link } from 'wouter';
import { KindBadge } from '../../components/communities/CommunityBadges.tsx';
import { communityHref } from '../../components/communities/CommunityCard.tsx';
import { useCommunitiesInCommon } from '../../hooks/use-communities.ts';
import { formatCount } from '../../lib/format.ts';

/** The communities you and this colleague are both active members of: something to talk about. */
export function CommunitiesInCommon({ personId, personName }: { personId: string; personName: string }) {
  const inCommon = useCommunitiesInCommon(personId);
  if (inCommon.error) {
    return (
      <Text size="sm" c="red">
        Could not read your communities: {inCommon.error.message}
      </Text>
    );
  }
  if (!inCommon.data) return <Skeleton height={40} />;
  const items = inCommon.data.items;
  if (items.length === 0) {
    return (
      <Text size="sm" c="dimmed" data-testid="in-common-empty">
        You and {personName} are not in any community together yet.
      </Text>
    );
  }
  return (
    <Stack gap="xs" data-testid="in-common">
      {items.map(({ community, memberCount }) => (
        <Group key={community.id} justify="space-between" wrap="nowrap" data-testid="in-common-item">
          <Stack gap={2} style={{ minWidth: 0 }}>
            <Anchor component={Link} href={communityHref(community.id)} fw={600} size="sm" truncate="end">
              {community.name}
            </Anchor>
            <Text size="xs" c="dimmed">
              {formatCount(memberCount, 'member')}
            </Text>
          </Stack>
          <KindBadge kind={community.kind} size="xs" />
        </Group>
      ))}
    </Stack>
  );
}
