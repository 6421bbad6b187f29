import { Badge, Box, Group, Paper, Stack, Text, Tooltip } from '@mantine/core';
import { IconCalendarEvent, IconCircleCheckFilled, IconMessageCircle } from '@tabler/icons-react';
import { useLocation } from 'wouter';
import type { FeedItem } from '#shared/domain/community';
import { formatEventTime } from '../../lib/community-labels.ts';
import { noteSnippet } from '../../lib/note-text.ts';
import { PostKindBadge } from './CommunityBadges.tsx';
import classes from './CommunityCard.module.css';
import { threadHref } from './post-href.ts';
import { PostMeta } from './PostMeta.tsx';

interface Props {
  item: FeedItem;
  now: number;
  /** Home lists items from several communities: say which. */
  communityName?: string;
}

/** A post in a feed: kind, title or first words, author and time, unread and answer counts; opens its thread. */
export function FeedItemCard({ item, now, communityName }: Props) {
  const { post } = item;
  const [, navigate] = useLocation();
  const isQuestion = post.kind === 'question';
  const snippet = noteSnippet(post.body, 280);
  return (
    <Paper
      withBorder
      radius="lg"
      p="md"
      className={classes.card}
      onClick={() => navigate(threadHref(post.communityId, post.id, post.parentId))}
      data-testid="feed-item"
      data-post-id={post.id}
      data-unread={item.unread || undefined}
      style={item.unread ? { borderLeft: '3px solid var(--mantine-color-indigo-5)' } : undefined}
    >
      <Stack gap={6}>
        <Group justify="space-between" wrap="nowrap" gap="xs">
          <Group gap={6} wrap="nowrap" style={{ minWidth: 0 }}>
            {item.unread ? (
              <Tooltip label="New since you last looked">
                <Box
                  w={8}
                  h={8}
                  bg="indigo.6"
                  style={{ borderRadius: 999, flexShrink: 0 }}
                  data-testid="unread-dot"
                  aria-label="Unread"
                />
              </Tooltip>
            ) : null}
            <PostKindBadge kind={post.kind} />
            {communityName ? (
              <Text size="xs" c="dimmed" truncate="end" data-testid="feed-item-community">
                in {communityName}
              </Text>
            ) : null}
          </Group>
          {isQuestion ? (
            <AnswerCount count={item.answerCount} accepted={post.acceptedAnswerId !== null} />
          ) : null}
        </Group>
        {post.title ? (
          <Text fw={600} lineClamp={2} data-testid="feed-item-title">
            {post.title}
          </Text>
        ) : null}
        {post.event ? (
          <Group gap={6} c="violet">
            <IconCalendarEvent size={14} />
            <Text size="sm" c="inherit" fw={500}>
              {formatEventTime(post.event.startsAt)} · {post.event.place}
            </Text>
          </Group>
        ) : null}
        {snippet ? (
          <Text size="sm" c={post.title ? 'dimmed' : undefined} lineClamp={3} data-testid="feed-item-snippet">
            {snippet}
          </Text>
        ) : null}
        <PostMeta item={item} now={now} />
      </Stack>
    </Paper>
  );
}

function AnswerCount({ count, accepted }: { count: number; accepted: boolean }) {
  return (
    <Badge
      size="sm"
      variant={accepted ? 'filled' : 'light'}
      color={accepted ? 'teal' : count === 0 ? 'gray' : 'blue'}
      leftSection={accepted ? <IconCircleCheckFilled size={12} /> : <IconMessageCircle size={12} />}
      style={{ flexShrink: 0 }}
      data-testid="answer-count"
    >
      {count === 0 ? 'No answers yet' : `${count} ${count === 1 ? 'answer' : 'answers'}`}
    </Badge>
  );
}
