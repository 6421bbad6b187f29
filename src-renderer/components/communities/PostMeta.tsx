import { Anchor, Group, Text } from '@mantine/core';
import type { MouseEvent } from 'react';
import { Link } from 'wouter';
import type { FeedItem } from '#shared/domain/community';
import { formatAgo, formatDate } from '../../lib/format.ts';
import { PersonAvatar } from '../PersonAvatar.tsx';
import { personHref } from '../PersonLink.tsx';

/** "Ada Lovelace · 2 h ago · edited", "Sending…" while the server has not taken it yet. */
export function PostMeta({ item, now, avatar = true }: { item: FeedItem; now: number; avatar?: boolean }) {
  const { post, author } = item;
  return (
    <Group gap={6} wrap="nowrap" style={{ minWidth: 0 }}>
      {avatar && author ? <PersonAvatar id={author.id} name={author.name} size={22} /> : null}
      {author ? (
        <Anchor
          component={Link}
          href={personHref(author.id)}
          size="xs"
          fw={600}
          c="var(--mantine-color-text)"
          onClick={(event: MouseEvent) => event.stopPropagation()}
          truncate="end"
          data-testid="post-author"
        >
          {author.name}
        </Anchor>
      ) : (
        <Text size="xs" c="dimmed">
          Someone who left
        </Text>
      )}
      <Text size="xs" c="dimmed" title={formatDate(post.createdAt)} style={{ flexShrink: 0 }}>
        · {formatAgo(post.createdAt, now)}
        {post.editedAt ? ' · edited' : ''}
      </Text>
      {item.pending ? (
        <Text size="xs" c="orange" fs="italic" style={{ flexShrink: 0 }} data-testid="post-pending">
          Sending…
        </Text>
      ) : null}
    </Group>
  );
}
