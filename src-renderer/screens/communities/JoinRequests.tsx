import { Badge, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { IconCheck, IconX } from '@tabler/icons-react';
import type { CommunityMember } from '#shared/domain/community';
import { PersonLink } from '../../components/PersonLink.tsx';
import { useDecideRequest } from '../../hooks/use-community-actions.ts';
import { formatAgo } from '../../lib/format.ts';

/** Leaders see who asked to join, and approve or decline each. */
export function JoinRequests({
  communityId,
  requests,
  now,
}: {
  communityId: string;
  requests: CommunityMember[];
  now: number;
}) {
  const decide = useDecideRequest(communityId);
  if (requests.length === 0) return null;
  return (
    <Paper withBorder radius="lg" p="md" data-testid="join-requests" bg="var(--mantine-color-yellow-light)">
      <Group gap="xs" mb="sm">
        <Title order={2} fz="sm" tt="uppercase" c="dimmed" fw={600} lts={0.4}>
          Requests to join
        </Title>
        <Badge size="sm" color="yellow" circle>
          {requests.length}
        </Badge>
      </Group>
      <Stack gap="xs">
        {requests.map((request) => {
          const busy = decide.isPending && decide.variables?.personId === request.person.id;
          return (
            <Group key={request.person.id} justify="space-between" wrap="nowrap" data-testid="join-request">
              <Group gap="md" wrap="nowrap" style={{ minWidth: 0 }}>
                <PersonLink person={request.person} />
                <Text size="xs" c="dimmed">
                  asked {formatAgo(request.since, now)}
                </Text>
              </Group>
              <Group gap="xs" wrap="nowrap">
                <Button
                  size="xs"
                  leftSection={<IconCheck size={14} />}
                  loading={busy && decide.variables?.approve}
                  disabled={busy}
                  onClick={() => decide.mutate({ personId: request.person.id, approve: true })}
                  data-testid="request-approve"
                >
                  Approve
                </Button>
                <Button
                  size="xs"
                  variant="default"
                  leftSection={<IconX size={14} />}
                  loading={busy && !decide.variables?.approve}
                  disabled={busy}
                  onClick={() => decide.mutate({ personId: request.person.id, approve: false })}
                  data-testid="request-decline"
                >
                  Decline
                </Button>
              </Group>
            </Group>
          );
        })}
      </Stack>
    </Paper>
  );
}
