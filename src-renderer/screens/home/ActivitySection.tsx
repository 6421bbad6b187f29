import { Badge, Button, EmptyState, Group, Paper, Stack, Title } from '@mantine/core';
import { IconBellRinging } from '@tabler/icons-react';
import { Link, useLocation } from 'wouter';
import { communityHref } from '../../components/communities/CommunityCard.tsx';
import { FeedItemCard } from '../../components/communities/FeedItemCard.tsx';
import { CenteredLoader, QueryBoundary } from '../../components/QueryBoundary.tsx';
import { useCommunityActivity } from '../../hooks/use-communities.ts';
import { setCommunityFilters } from '../../lib/community-filters.ts';

/** "New in your communities": recent posts in followed communities, unread first marked, unread per community. */
export function ActivitySection({ now }: { now: number }) {
  const activity = useCommunityActivity({ limit: 15 });
  const [, navigate] = useLocation();
  const data = activity.data;

  return (
    <Stack gap="sm">
      <Group gap="xs">
        <Title order={2} fz="sm" tt="uppercase" c="dimmed" fw={600} lts={0.4}>
          New in your communities
        </Title>
        {data && data.unreadTotal > 0 ? (
          <Badge size="sm" color="red" data-testid="activity-unread-total">
            {data.unreadTotal} unread
          </Badge>
        ) : null}
      </Group>
      <QueryBoundary
        query={activity}
        errorTitle="Could not read your communities"
        loading={<CenteredLoader py={60} />}
      >
        {(data) =>
          data.items.length === 0 ? (
            <Paper withBorder radius="lg" p="lg">
              <EmptyState
                icon={<IconBellRinging size={28} />}
                title="Nothing new yet"
                description="Follow the communities you care about: their new posts, questions and events show up here, the unread ones marked."
                data-testid="activity-empty"
              >
                <Button
                  variant="light"
                  onClick={() => {
                    setCommunityFilters({ scope: 'discover', kind: null, text: '' });
                    navigate('/communities');
                  }}
                >
                  Find communities
                </Button>
              </EmptyState>
            </Paper>
          ) : (
            <Stack gap="sm" data-testid="activity">
              {data.unreadByCommunity.length ? (
                <Group gap={6} data-testid="activity-unread-by-community">
                  {data.unreadByCommunity.map((entry) => (
                    <Badge
                      key={entry.communityId}
                      component={Link}
                      href={communityHref(entry.communityId)}
                      variant="light"
                      size="lg"
                      radius="sm"
                      style={{ cursor: 'pointer', textTransform: 'none' }}
                      rightSection={
                        <Badge size="xs" color="red" circle={entry.unread < 10}>
                          {entry.unread}
                        </Badge>
                      }
                    >
                      {entry.name}
                    </Badge>
                  ))}
                </Group>
              ) : null}
              {data.items.map(({ item, community }) => (
                <FeedItemCard key={item.post.id} item={item} now={now} communityName={community.name} />
              ))}
            </Stack>
          )
        }
      </QueryBoundary>
    </Stack>
  );
}
