import { Anchor, Card, Group, Stack, Text } from '@mantine/core';
import { IconMessages, IconUsers } from '@tabler/icons-react';
import type { MouseEvent, ReactNode } from 'react';
import { Link, useLocation } from 'wouter';
import type { CommunitySummary } from '#shared/domain/community';
import { formatAgo, formatCount } from '../../lib/format.ts';
import { AccessBadges, KindBadge, RoleBadge, UnreadBadge } from './CommunityBadges.tsx';
import { MembershipButton } from './MembershipButton.tsx';
import classes from './CommunityCard.module.css';

interface Props {
  summary: CommunitySummary;
  now: number;
  /** Extra lines under the card's facts (a suggestion's reasons). */
  children?: ReactNode;
  testId?: string;
}

export const communityHref = (id: string) => `/communities/${encodeURIComponent(id)}`;

/** A community as a list shows it: what it is, how alive it is, and where the viewer stands. */
export function CommunityCard({ summary, now, children, testId = 'community-card' }: Props) {
  const { community, me } = summary;
  const [, navigate] = useLocation();
  const href = communityHref(community.id);
  return (
    <Card
      withBorder
      radius="lg"
      padding="md"
      className={classes.card}
      onClick={() => navigate(href)}
      data-testid={testId}
      data-community-id={community.id}
    >
      <Stack gap="xs" h="100%">
        <Group justify="space-between" wrap="nowrap" align="flex-start" gap="xs">
          <Anchor
            component={Link}
            href={href}
            fw={600}
            c="var(--mantine-color-text)"
            lineClamp={2}
            onClick={(event: MouseEvent) => event.stopPropagation()}
            data-testid="community-name"
          >
            {community.name}
          </Anchor>
          {/* Unread counts matter where the viewer takes part, not on communities they are only browsing. */}
          {me.status === 'active' || me.followed ? <UnreadBadge count={summary.unread} /> : null}
        </Group>
        <Group gap={6}>
          <KindBadge kind={community.kind} />
          <AccessBadges community={community} />
          {community.archived ? (
            <Text size="xs" c="dimmed">
              Archived
            </Text>
          ) : null}
        </Group>
        <Text size="sm" c="dimmed" lineClamp={2}>
          {community.purpose}
        </Text>
        <Stack gap={2} c="dimmed">
          <Group gap={6} wrap="nowrap">
            <IconUsers size={14} />
            <Text size="xs" c="inherit" data-testid="community-members">
              {formatCount(summary.memberCount, 'member')}
            </Text>
          </Group>
          <Group gap={6} wrap="nowrap">
            <IconMessages size={14} />
            <Text size="xs" c="inherit" truncate="end">
              {summary.recentPosts > 0
                ? `${formatCount(summary.recentPosts, 'post')} in 4 weeks`
                : 'Quiet lately'}
              {summary.lastActivityAt ? ` · active ${formatAgo(summary.lastActivityAt, now)}` : ''}
            </Text>
          </Group>
        </Stack>
        {children}
        <Group justify="space-between" mt="auto" pt={4} gap="xs">
          <Group gap={6}>
            <RoleBadge me={me} />
            {summary.pending ? (
              <Text size="xs" c="dimmed" fs="italic">
                Sending…
              </Text>
            ) : null}
          </Group>
          <MembershipButton community={community} me={me} />
        </Group>
      </Stack>
    </Card>
  );
}
