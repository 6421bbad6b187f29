import { Anchor, Button, Center, EmptyState, Loader, Switch, Table, Text } from '@mantine/core';
import { IconUsersGroup } from '@tabler/icons-react';
import { useState } from 'react';
import { Link } from 'wouter';
import type { CommunitySummary } from '#shared/domain/community';
import { communityHref } from '../../components/communities/CommunityCard.tsx';
import { QueryBoundary } from '../../components/QueryBoundary.tsx';
import { useCommunityList } from '../../hooks/use-communities.ts';
import { useSetCommunityPrefs } from '../../hooks/use-community-actions.ts';
import {
  describeCommunityNotifications,
  listNotifiableCommunities,
} from '../../lib/notification-settings.ts';
import classes from './Settings.module.css';

const ALL = { scope: 'all' } as const;

/** Follow and mute for each community the user is in or follows: what may notify them. */
export function CommunityNotifications() {
  const list = useCommunityList(ALL);
  // A community unfollowed here stays listed until the screen closes, so the change can be undone.
  const [touched, setTouched] = useState<ReadonlySet<string>>(() => new Set());
  const touch = (id: string) => setTouched((ids) => (ids.has(id) ? ids : new Set(ids).add(id)));

  return (
    <div className={classes.row}>
      <Text size="sm" fw={500}>
        Communities
      </Text>
      <Text size="sm" c="dimmed" mb="xs">
        Follow a community to be notified of its new posts; mute it to keep it quiet. Answers to your
        questions and mentions of you always notify.
      </Text>
      <QueryBoundary
        query={list}
        errorTitle="Could not read your communities"
        loading={
          <Center py="md">
            <Loader size="sm" />
          </Center>
        }
      >
        {(data) => {
          const items = listNotifiableCommunities(data.items, touched);
          return items.length ? (
            <Table verticalSpacing={6} horizontalSpacing="xs" data-testid="settings-communities">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Community</Table.Th>
                  <Table.Th w={72} ta="center">
                    Follow
                  </Table.Th>
                  <Table.Th w={72} ta="center">
                    Mute
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items.map((item) => (
                  <CommunityPrefsRow key={item.community.id} item={item} onChange={touch} />
                ))}
              </Table.Tbody>
            </Table>
          ) : (
            <EmptyState
              icon={<IconUsersGroup size={24} />}
              title="No communities yet"
              description="Join or follow communities to hear about their new posts, questions and events."
              data-testid="settings-communities-empty"
            >
              <Button component={Link} href="/communities" variant="light" size="xs">
                Find communities
              </Button>
            </EmptyState>
          );
        }}
      </QueryBoundary>
    </div>
  );
}

function CommunityPrefsRow({ item, onChange }: { item: CommunitySummary; onChange: (id: string) => void }) {
  const { community, me } = item;
  const prefs = useSetCommunityPrefs(community.id, { inline: true });
  const pending = prefs.isPending ? prefs.variables : {};
  const followed = pending.followed ?? me.followed;
  const muted = pending.muted ?? me.muted;
  const set = (patch: { followed?: boolean; muted?: boolean }) => {
    onChange(community.id);
    prefs.mutate(patch);
  };

  return (
    <Table.Tr data-testid="settings-community" data-community-id={community.id}>
      <Table.Td>
        <Anchor component={Link} href={communityHref(community.id)} size="sm" fw={500}>
          {community.name}
        </Anchor>
        <Text size="xs" c={prefs.error ? 'red' : 'dimmed'} role={prefs.error ? 'alert' : undefined}>
          {prefs.error ? prefs.error.message : describeCommunityNotifications({ followed, muted })}
        </Text>
      </Table.Td>
      <Table.Td>
        <Center>
          <Switch
            aria-label={`Follow ${community.name}`}
            checked={followed}
            onChange={(event) => set({ followed: event.currentTarget.checked })}
            data-testid="settings-community-follow"
          />
        </Center>
      </Table.Td>
      <Table.Td>
        <Center>
          <Switch
            aria-label={`Mute ${community.name}`}
            color="orange"
            checked={muted}
            onChange={(event) => set({ muted: event.currentTarget.checked })}
            data-testid="settings-community-mute"
          />
        </Center>
      </Table.Td>
    </Table.Tr>
  );
}
