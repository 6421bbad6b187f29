import { ActionIcon, Anchor, Badge, CopyButton, Group, Stack, Text, Title, Tooltip } from '@mantine/core';
import { IconBuilding, IconCheck, IconClock, IconCopy, IconMail, IconMapPin } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import type { Person } from '#shared/domain/person';
import { PersonAvatar } from '../../components/PersonAvatar.tsx';
import { useNow } from '../../hooks/use-now.ts';
import { formatLocalTime } from '../../lib/format.ts';
import { INACTIVE_HINT } from '../../lib/person-labels.ts';

export function PersonHeader({ person }: { person: Person }) {
  const now = useNow(30_000);
  const local = formatLocalTime(person.timezone, now);
  return (
    <Group gap="lg" align="flex-start" wrap="nowrap" data-testid="profile-header">
      <PersonAvatar id={person.id} name={person.name} size={84} inactive={!person.active} />
      <Stack gap={6} style={{ minWidth: 0 }}>
        <Group gap="sm">
          <Title order={1} fz={26} data-testid="profile-name" data-selectable>
            {person.name}
          </Title>
          {person.active ? null : (
            <Tooltip label={INACTIVE_HINT} withArrow>
              <Badge variant="light" color="gray" tabIndex={0} data-testid="profile-inactive">
                inactive
              </Badge>
            </Tooltip>
          )}
        </Group>
        <Text size="md" c="dimmed" data-selectable>
          {person.title || 'No title'}
        </Text>
        {person.active ? null : (
          <Text size="sm" c="dimmed" data-testid="profile-inactive-note">
            {INACTIVE_HINT}
          </Text>
        )}
        <Group gap="lg" mt={4}>
          {person.department ? <Fact icon={<IconBuilding size={16} />}>{person.department}</Fact> : null}
          {person.location ? <Fact icon={<IconMapPin size={16} />}>{person.location}</Fact> : null}
          {local ? (
            <Fact icon={<IconClock size={16} />}>
              {local.time} local time{' '}
              <Text span size="xs" c="dimmed">
                ({person.timezone}, {local.offset})
              </Text>
            </Fact>
          ) : null}
        </Group>
        <Group gap={4}>
          <Fact icon={<IconMail size={16} />}>
            <Anchor href={`mailto:${person.email}`} size="sm" data-selectable>
              {person.email}
            </Anchor>
          </Fact>
          <CopyButton value={person.email} timeout={1500}>
            {({ copied, copy }) => (
              <Tooltip label={copied ? 'Copied' : 'Copy email address'} withArrow>
                <ActionIcon
                  variant="subtle"
                  color={copied ? 'teal' : 'gray'}
                  size="sm"
                  onClick={copy}
                  aria-label="Copy email address"
                >
                  {copied ? <IconCheck size={14} /> : <IconCopy size={14} />}
                </ActionIcon>
              </Tooltip>
            )}
          </CopyButton>
        </Group>
      </Stack>
    </Group>
  );
}

function Fact({ icon, children }: { icon: ReactNode; children: ReactNode }) {
  return (
    <Group gap={6} wrap="nowrap" c="dimmed">
      {icon}
      <Text size="sm" c="var(--mantine-color-text)">
        {children}
      </Text>
    </Group>
  );
}
