import {
  ActionIcon,
  Badge,
  Center,
  Group,
  Menu,
  Pagination,
  Stack,
  Table,
  Text,
  TextInput,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import {
  IconDots,
  IconSearch,
  IconShieldCheck,
  IconStar,
  IconUser,
  IconUserMinus,
} from '@tabler/icons-react';
import { useState } from 'react';
import type { CommunityDetail, CommunityMember, CommunityRole } from '#shared/domain/community';
import { CenteredLoader, QueryBoundary } from '../../components/QueryBoundary.tsx';
import { PersonLink } from '../../components/PersonLink.tsx';
import { useCommunityMembers } from '../../hooks/use-communities.ts';
import { useRemoveMember, useSetRole } from '../../hooks/use-community-actions.ts';
import { useSession } from '../../hooks/use-session.ts';
import { communityControls, isActive, MANAGED_HINT, ROLE_LABELS } from '../../lib/community-labels.ts';
import { formatAgo, formatCount } from '../../lib/format.ts';

const PAGE = 50;
const ROLE_COLORS: Record<CommunityRole, string> = { leader: 'indigo', moderator: 'teal', member: 'gray' };

/** Who is in the community, a page at a time; leaders change roles, moderators remove members. */
export function MembersTab({ detail, now }: { detail: CommunityDetail; now: number }) {
  const communityId = detail.community.id;
  const [text, setText] = useState('');
  const [search] = useDebouncedValue(text.trim(), 200);
  const [page, setPage] = useState(1);
  const members = useCommunityMembers({
    communityId,
    text: search || undefined,
    offset: (page - 1) * PAGE,
    limit: PAGE,
  });
  const session = useSession();
  const myId = session.data?.state === 'signed_in' ? session.data.me?.id : undefined;
  const controls = communityControls(detail.community, detail.me);
  const leader = controls.manageMembers && isActive(detail.me, 'leader');
  const moderator = controls.manageMembers;
  const total = members.data?.total ?? 0;

  return (
    <Stack gap="md">
      {detail.community.managedByDirectory ? (
        <Text size="sm" c="dimmed" data-testid="members-managed">
          {MANAGED_HINT}
        </Text>
      ) : null}
      <Group justify="space-between">
        <TextInput
          placeholder="Find a member"
          aria-label="Find a member"
          leftSection={<IconSearch size={16} />}
          value={text}
          onChange={(e) => {
            setText(e.currentTarget.value);
            setPage(1);
          }}
          w={320}
          data-testid="members-search"
        />
        <Text size="sm" c="dimmed" data-testid="members-total">
          {members.data ? formatCount(total, 'member') : ''}
        </Text>
      </Group>
      <QueryBoundary
        query={members}
        errorTitle="Could not read the members"
        loading={<CenteredLoader py={40} />}
      >
        {(data) =>
          data.items.length === 0 ? (
            <Text c="dimmed" size="sm" ta="center" py="xl" data-testid="members-empty">
              {search ? 'Nobody here matches that name.' : 'No members yet.'}
            </Text>
          ) : (
            <MembersTable
              communityId={communityId}
              items={data.items}
              now={now}
              myId={myId}
              leader={leader}
              moderator={moderator}
            />
          )
        }
      </QueryBoundary>
      {total > PAGE ? (
        <Center>
          <Pagination total={Math.ceil(total / PAGE)} value={page} onChange={setPage} size="sm" />
        </Center>
      ) : null}
    </Stack>
  );
}

interface TableProps {
  communityId: string;
  items: CommunityMember[];
  now: number;
  myId: string | undefined;
  leader: boolean;
  moderator: boolean;
}

function MembersTable({ communityId, items, now, myId, leader, moderator }: TableProps) {
  return (
    <Table verticalSpacing="xs" highlightOnHover data-testid="members-table">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Member</Table.Th>
          <Table.Th>Department · site</Table.Th>
          <Table.Th>Role</Table.Th>
          <Table.Th>Joined</Table.Th>
          {moderator ? <Table.Th w={40} /> : null}
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {items.map((member) => (
          <Table.Tr key={member.person.id} data-testid="member-row">
            <Table.Td maw={280}>
              <PersonLink person={member.person} />
            </Table.Td>
            <Table.Td>
              <Text size="sm" c="dimmed">
                {member.person.department} · {member.person.location}
              </Text>
            </Table.Td>
            <Table.Td>
              <Badge size="sm" variant="light" color={ROLE_COLORS[member.role]} data-testid="member-role">
                {ROLE_LABELS[member.role]}
              </Badge>
            </Table.Td>
            <Table.Td>
              <Text size="sm" c="dimmed">
                {member.joinedAt ? formatAgo(member.joinedAt, now) : '—'}
              </Text>
            </Table.Td>
            {moderator ? (
              <Table.Td>
                {member.person.id === myId ? null : (
                  <MemberMenu communityId={communityId} member={member} leader={leader} />
                )}
              </Table.Td>
            ) : null}
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

/** Role changes for leaders; removal for leaders, and for moderators on plain members. The core decides. */
function MemberMenu({
  communityId,
  member,
  leader,
}: {
  communityId: string;
  member: CommunityMember;
  leader: boolean;
}) {
  const setRole = useSetRole(communityId);
  const remove = useRemoveMember(communityId);
  const canRemove = leader || member.role === 'member';
  if (!leader && !canRemove) return null;
  const roles: { role: CommunityRole; label: string; icon: typeof IconStar }[] = [
    { role: 'leader', label: 'Make leader', icon: IconStar },
    { role: 'moderator', label: 'Make moderator', icon: IconShieldCheck },
    { role: 'member', label: 'Make member', icon: IconUser },
  ];
  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <ActionIcon
          variant="subtle"
          color="gray"
          aria-label={`Manage ${member.person.name}`}
          loading={setRole.isPending || remove.isPending}
          data-testid="member-menu"
        >
          <IconDots size={16} />
        </ActionIcon>
      </Menu.Target>
      <Menu.Dropdown>
        {leader
          ? roles
              .filter(({ role }) => role !== member.role)
              .map(({ role, label, icon: Icon }) => (
                <Menu.Item
                  key={role}
                  leftSection={<Icon size={16} />}
                  onClick={() => setRole.mutate({ personId: member.person.id, role })}
                >
                  {label}
                </Menu.Item>
              ))
          : null}
        {canRemove ? (
          <>
            {leader ? <Menu.Divider /> : null}
            <Menu.Item
              color="red"
              leftSection={<IconUserMinus size={16} />}
              onClick={() => remove.mutate(member.person.id)}
            >
              Remove from the community
            </Menu.Item>
          </>
        ) : null}
      </Menu.Dropdown>
    </Menu>
  );
}
