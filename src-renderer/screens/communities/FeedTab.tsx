import { Alert, Button, Center, Chip, Group, Stack } from '@mantine/core';
import { IconInfoCircle, IconMessagePlus } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import type { CommunityDetail } from '#shared/domain/community';
import { FeedItemCard } from '../../components/communities/FeedItemCard.tsx';
import { CenteredEmpty } from '../../components/CenteredEmpty.tsx';
import { CenteredLoader, QueryBoundary } from '../../components/QueryBoundary.tsx';
import { useCommunityFeed } from '../../hooks/use-communities.ts';
import { useMarkRead } from '../../hooks/use-community-actions.ts';
import { usePageVisible } from './use-page-visible.ts';
import { POST_KIND_LABELS } from '#shared/domain/community';
import { FEED_KINDS, isActive, type FeedKind } from '../../lib/community-labels.ts';
import { PostComposer } from './PostComposer.tsx';

/** How long the feed stays on screen before it counts as read: long enough to see the unread markers. */
const MARK_READ_AFTER_MS = 2_500;

/** A community's feed: filter by kind, compose (members), newest first, a page at a time. */
export function FeedTab({ detail, now }: { detail: CommunityDetail; now: number }) {
  const { community, me } = detail;
  const [kind, setKind] = useState<FeedKind | 'all'>('all');
  const feed = useCommunityFeed({ communityId: community.id, kind: kind === 'all' ? undefined : kind });
  const markRead = useMarkRead();
  const member = isActive(me);
  const mutateMarkRead = markRead.mutate;
  const items = feed.data?.pages.flatMap((page) => page.items);
  const hasUnread = items?.some((item) => item.unread) ?? false;
  const visible = usePageVisible();

  // A read marker is a synced write: only when something on screen is unread, after a moment, and never
  // while the window is hidden in the tray or minimized (new posts arriving there stay unread).
  useEffect(() => {
    if (!hasUnread || !visible) return;
    const timer = setTimeout(() => mutateMarkRead(community.id), MARK_READ_AFTER_MS);
    return () => clearTimeout(timer);
  }, [community.id, hasUnread, visible, mutateMarkRead]);

  return (
    <Stack gap="md">
      {member && !community.archived ? <PostComposer communityId={community.id} role={me.role} /> : null}
      {!member && !community.archived ? (
        <Alert variant="light" icon={<IconInfoCircle />} data-testid="feed-join-hint">
          {me.status === 'requested'
            ? 'Your request to join is waiting for a leader. You can read along meanwhile.'
            : 'You are reading as a visitor. Join to post, ask and answer.'}
        </Alert>
      ) : null}
      <Chip.Group multiple={false} value={kind} onChange={(value) => setKind(value as FeedKind | 'all')}>
        <Group gap={6} data-testid="feed-filter">
          <Chip value="all" size="xs">
            Everything
          </Chip>
          {FEED_KINDS.map((value) => (
            <Chip key={value} value={value} size="xs">
              {POST_KIND_LABELS[value]}
            </Chip>
          ))}
        </Group>
      </Chip.Group>
      <QueryBoundary query={feed} errorTitle="Could not read the feed" loading={<CenteredLoader py={60} />}>
        {(data) =>
          data.pages.some((page) => page.items.length > 0) ? (
            <Stack gap="sm" data-testid="feed">
              {data.pages
                .flatMap((page) => page.items)
                .map((item) => (
                  <FeedItemCard key={item.post.id} item={item} now={now} />
                ))}
              {feed.hasNextPage ? (
                <Center>
                  <Button
                    variant="default"
                    loading={feed.isFetchingNextPage}
                    onClick={() => void feed.fetchNextPage()}
                    data-testid="feed-more"
                  >
                    Load more
                  </Button>
                </Center>
              ) : null}
            </Stack>
          ) : (
            <CenteredEmpty
              py={50}
              icon={<IconMessagePlus size={28} />}
              title={kind === 'all' ? 'Nothing posted yet' : `No ${POST_KIND_LABELS[kind].toLowerCase()} yet`}
              description={
                member
                  ? 'Start the conversation: share what you know, or ask what you want to learn.'
                  : 'Join the community to post here.'
              }
              testId="feed-empty"
            />
          )
        }
      </QueryBoundary>
    </Stack>
  );
}
