import { Button, Group, Tooltip } from '@mantine/core';
import { IconClock, IconLogout, IconPlus, IconUserPlus } from '@tabler/icons-react';
import type { Community, MyMembership } from '#shared/domain/community';
import { useJoinCommunity, useLeaveCommunity } from '../../hooks/use-community-actions.ts';
import { communityControls } from '../../lib/community-labels.ts';

interface Props {
  community: Pick<Community, 'id' | 'visibility' | 'archived' | 'name' | 'managedByDirectory'>;
  me: MyMembership;
  /** On a community's page members can leave and requests can be withdrawn; cards only join. */
  full?: boolean;
  size?: 'xs' | 'sm';
}

/** Join, Request to join, Pending (withdraw), Leave: what the viewer can do about membership. */
export function MembershipButton({ community, me, full = false, size = 'xs' }: Props) {
  const join = useJoinCommunity();
  const leave = useLeaveCommunity();
  const busy = join.isPending || leave.isPending;

  // The directory decides who is in a managed team; its badge says so.
  if (!communityControls(community, me).membership) return null;

  if (me.status === 'active') {
    if (!full) return null;
    return (
      <Button
        size={size}
        variant="default"
        leftSection={<IconLogout size={14} />}
        loading={leave.isPending}
        onClick={() => leave.mutate(community.id)}
        data-testid="community-leave"
      >
        Leave
      </Button>
    );
  }
  if (me.status === 'requested') {
    return (
      <Group gap={6} wrap="nowrap">
        <Button
          size={size}
          variant="light"
          color="yellow"
          leftSection={<IconClock size={14} />}
          data-testid="community-pending"
          style={{ pointerEvents: 'none' }}
          tabIndex={-1}
        >
          Pending
        </Button>
        {full ? (
          <Button
            size={size}
            variant="subtle"
            color="gray"
            loading={leave.isPending}
            onClick={() => leave.mutate(community.id)}
            data-testid="community-cancel-request"
          >
            Cancel request
          </Button>
        ) : null}
      </Group>
    );
  }
  if (community.archived || community.visibility === 'private') {
    return full ? (
      <Tooltip label={community.archived ? 'Archived: nobody joins any more' : 'A leader adds members'}>
        <Button size={size} variant="default" disabled>
          {community.archived ? 'Archived' : 'Invite only'}
        </Button>
      </Tooltip>
    ) : null;
  }
  const open = community.visibility === 'open';
  return (
    <Button
      size={size}
      variant={open ? 'filled' : 'light'}
      leftSection={open ? <IconPlus size={14} /> : <IconUserPlus size={14} />}
      loading={busy}
      onClick={(event) => {
        // Cards are links: joining must not open the community.
        event.preventDefault();
        event.stopPropagation();
        join.mutate(community.id);
      }}
      aria-label={`${open ? 'Join' : 'Request to join'} ${community.name}`}
      data-testid={open ? 'community-join' : 'community-request'}
    >
      {open ? 'Join' : 'Request to join'}
    </Button>
  );
}
