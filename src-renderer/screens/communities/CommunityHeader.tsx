import { Badge, Button, Group, List, Menu, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import {
  IconArchive,
  IconArchiveOff,
  IconBell,
  IconBellOff,
  IconBellRinging,
  IconDots,
  IconEdit,
  IconTarget,
  IconUsers,
  IconVolume,
  IconVolumeOff,
} from '@tabler/icons-react';
import { useState, type ReactNode } from 'react';
import type { CommunityDetail } from '#shared/domain/community';
import type { PersonSummary } from '#shared/domain/person';
import { AccessBadges, KindBadge, RoleBadge } from '../../components/communities/CommunityBadges.tsx';
import { CommunityFormModal } from '../../components/communities/CommunityFormModal.tsx';
import { MembershipButton } from '../../components/communities/MembershipButton.tsx';
import { PersonLink } from '../../components/PersonLink.tsx';
import { useArchiveCommunity, useSetCommunityPrefs } from '../../hooks/use-community-actions.ts';
import { communityControls } from '../../lib/community-labels.ts';
import { formatCount, formatDate } from '../../lib/format.ts';

/** A community's page header: what it is, why it exists, who runs it, and what the viewer can do. */
export function CommunityHeader({ detail }: { detail: CommunityDetail }) {
  const { community, me } = detail;
  const [editing, setEditing] = useState(false);
  const prefs = useSetCommunityPrefs(community.id);
  const archive = useArchiveCommunity(community.id);
  const { leaderTools: leader } = communityControls(community, me);

  return (
    <Paper withBorder radius="lg" p="lg" data-testid="community-header">
      <Stack gap="md">
        <Group justify="space-between" align="flex-start" wrap="nowrap">
          <Stack gap={6} style={{ minWidth: 0 }}>
            <Title order={1} fz={24} data-testid="community-title">
              {community.name}
            </Title>
            <Group gap={6}>
              <KindBadge kind={community.kind} size="md" />
              <AccessBadges community={community} />
              <RoleBadge me={me} />
              {community.archived ? (
                <Badge
                  size="sm"
                  color="gray"
                  leftSection={<IconArchive size={12} />}
                  data-testid="community-archived"
                >
                  Archived
                </Badge>
              ) : null}
              {detail.pending ? (
                <Text size="xs" c="orange" fs="italic">
                  Sending…
                </Text>
              ) : null}
            </Group>
          </Stack>
          <Group gap="xs" wrap="nowrap">
            <MembershipButton community={community} me={me} full size="sm" />
            <Button
              size="sm"
              variant={me.followed ? 'light' : 'default'}
              leftSection={me.followed ? <IconBellRinging size={16} /> : <IconBell size={16} />}
              loading={prefs.isPending}
              onClick={() => prefs.mutate({ followed: !me.followed })}
              data-testid="community-follow"
            >
              {me.followed ? 'Following' : 'Follow'}
            </Button>
            <Menu position="bottom-end" withinPortal>
              <Menu.Target>
                <Button
                  size="sm"
                  variant="default"
                  px="xs"
                  aria-label="More actions"
                  data-testid="community-more"
                >
                  <IconDots size={18} />
                </Button>
              </Menu.Target>
              <Menu.Dropdown>
                <Menu.Item
                  leftSection={me.muted ? <IconVolume size={16} /> : <IconVolumeOff size={16} />}
                  onClick={() => prefs.mutate({ muted: !me.muted })}
                  data-testid="community-mute"
                >
                  {me.muted ? 'Unmute notifications' : 'Mute notifications'}
                </Menu.Item>
                {me.followed ? (
                  <Menu.Item
                    leftSection={<IconBellOff size={16} />}
                    onClick={() => prefs.mutate({ followed: false })}
                  >
                    Unfollow
                  </Menu.Item>
                ) : null}
                {leader ? (
                  <>
                    <Menu.Divider />
                    <Menu.Label>Leader tools</Menu.Label>
                    <Menu.Item
                      leftSection={<IconEdit size={16} />}
                      onClick={() => setEditing(true)}
                      data-testid="community-edit"
                    >
                      Edit purpose and settings
                    </Menu.Item>
                    <Menu.Item
                      leftSection={
                        community.archived ? <IconArchiveOff size={16} /> : <IconArchive size={16} />
                      }
                      color={community.archived ? undefined : 'red'}
                      onClick={() => archive.mutate(!community.archived)}
                      data-testid="community-archive"
                    >
                      {community.archived ? 'Unarchive' : 'Archive'}
                    </Menu.Item>
                  </>
                ) : null}
              </Menu.Dropdown>
            </Menu>
          </Group>
        </Group>

        <Text size="sm" style={{ whiteSpace: 'pre-wrap' }} data-selectable data-testid="community-purpose">
          {community.purpose}
        </Text>

        <SimpleGrid cols={{ base: 1, md: 3 }} spacing="lg">
          <Stack gap={6}>
            <SectionLabel icon={<IconTarget size={14} />} label="Objectives" />
            {community.objectives.length ? (
              <List size="sm" spacing={2} data-testid="community-objectives">
                {community.objectives.map((objective, index) => (
                  <List.Item key={index}>{objective}</List.Item>
                ))}
              </List>
            ) : (
              <Text size="sm" c="dimmed">
                {leader ? 'No objectives yet: add some from Edit.' : 'No objectives written yet.'}
              </Text>
            )}
          </Stack>
          <People
            title={detail.leaders.length === 1 ? 'Leader' : 'Leaders'}
            people={detail.leaders}
            testId="community-leaders"
            empty={community.managedByDirectory ? 'None: your directory manages this team' : undefined}
          />
          <Stack gap={6}>
            {detail.moderators.length ? (
              <People title="Moderators" people={detail.moderators} testId="community-moderators" />
            ) : null}
            <SectionLabel icon={<IconUsers size={14} />} label="Members" />
            <Text size="sm" data-testid="community-member-count">
              {formatCount(detail.memberCount, 'member')} · since {formatDate(community.createdAt)}
            </Text>
          </Stack>
        </SimpleGrid>
      </Stack>
      {editing ? <CommunityFormModal community={community} onClose={() => setEditing(false)} /> : null}
    </Paper>
  );
}

function SectionLabel({ icon, label }: { icon?: ReactNode; label: string }) {
  return (
    <Group gap={4} c="dimmed">
      {icon}
      <Text size="xs" tt="uppercase" fw={600} lts={0.4} c="inherit">
        {label}
      </Text>
    </Group>
  );
}

interface PeopleProps {
  title: string;
  people: PersonSummary[];
  testId: string;
  /** What an empty list says; "Nobody yet" unless set. */
  empty?: string;
}

function People({ title, people, testId, empty = 'Nobody yet' }: PeopleProps) {
  return (
    <Stack gap={6} data-testid={testId}>
      <SectionLabel label={title} />
      {people.length ? (
        people.slice(0, 4).map((person) => <PersonLink key={person.id} person={person} />)
      ) : (
        <Text size="sm" c="dimmed">
          {empty}
        </Text>
      )}
      {people.length > 4 ? (
        <Text size="xs" c="dimmed">
          and {people.length - 4} more
        </Text>
      ) : null}
    </Stack>
  );
}
