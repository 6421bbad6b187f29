import { Badge, Tooltip } from '@mantine/core';
import { IconBuildingCommunity, IconLock, IconUserCheck, IconWorld } from '@tabler/icons-react';
import type {
  Community,
  CommunityKind,
  CommunityVisibility,
  MyMembership,
  PostKind,
} from '#shared/domain/community';
import { POST_KIND_LABELS } from '#shared/domain/community';
import {
  COMMUNITY_KIND_COLORS,
  COMMUNITY_KIND_LABELS,
  describeMembership,
  MANAGED_HINT,
  POST_KIND_COLORS,
  VISIBILITY_HINTS,
  VISIBILITY_LABELS,
} from '../../lib/community-labels.ts';

export function KindBadge({ kind, size = 'sm' }: { kind: CommunityKind; size?: 'xs' | 'sm' | 'md' }) {
  return (
    <Badge size={size} variant="light" color={COMMUNITY_KIND_COLORS[kind]} data-testid="community-kind">
      {COMMUNITY_KIND_LABELS[kind]}
    </Badge>
  );
}

const visibilityIcons = { open: IconWorld, request: IconUserCheck, private: IconLock } as const;

export function VisibilityBadge({ visibility }: { visibility: CommunityVisibility }) {
  const Icon = visibilityIcons[visibility];
  return (
    <Tooltip label={VISIBILITY_HINTS[visibility]} withArrow>
      <Badge
        size="sm"
        variant="outline"
        color="gray"
        leftSection={<Icon size={12} />}
        data-testid="community-visibility"
      >
        {VISIBILITY_LABELS[visibility]}
      </Badge>
    </Tooltip>
  );
}

/** "Leader", "Member", "Request pending"; nothing for a non-member. */
export function RoleBadge({ me }: { me: MyMembership }) {
  const label = describeMembership(me);
  if (!label) return null;
  return (
    <Badge
      size="sm"
      variant={me.status === 'requested' ? 'outline' : 'filled'}
      color={me.status === 'requested' ? 'yellow' : me.role === 'leader' ? 'indigo' : 'gray'}
      data-testid="community-role"
    >
      {label}
    </Badge>
  );
}

export function PostKindBadge({ kind }: { kind: PostKind }) {
  return (
    <Badge size="xs" variant="light" color={POST_KIND_COLORS[kind]} data-testid="post-kind">
      {POST_KIND_LABELS[kind]}
    </Badge>
  );
}

export function UnreadBadge({ count }: { count: number }) {
  if (count === 0) return null;
  return (
    <Badge size="sm" color="red" variant="filled" circle={count < 10} data-testid="community-unread">
      {count > 99 ? '99+' : count}
    </Badge>
  );
}

/** A team whose members the company's directory decides (a SCIM group): no join, leave or member changes. */
export function ManagedBadge() {
  return (
    <Tooltip label={MANAGED_HINT} withArrow multiline w={260}>
      <Badge
        size="sm"
        variant="light"
        color="teal"
        leftSection={<IconBuildingCommunity size={12} />}
        data-testid="community-managed"
        tabIndex={0}
      >
        Managed by your directory
      </Badge>
    </Tooltip>
  );
}

/**
 * Who may read and join: the visibility badge, or on a team the directory manages, that badge instead
 * ("Open" would promise a join it does not offer); a private one still says only members see it.
 */
export function AccessBadges({
  community,
}: {
  community: Pick<Community, 'visibility' | 'managedByDirectory'>;
}) {
  if (!community.managedByDirectory) return <VisibilityBadge visibility={community.visibility} />;
  return (
    <>
      {community.visibility === 'private' ? <VisibilityBadge visibility="private" /> : null}
      <ManagedBadge />
    </>
  );
}
