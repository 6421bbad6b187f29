import { Box, Button, Center, EmptyState, ScrollArea, Skeleton, Stack, Tabs } from '@mantine/core';
import { IconArrowLeft, IconChartLine, IconMessages, IconUsers, IconUsersGroup } from '@tabler/icons-react';
import { useState } from 'react';
import { useLocation } from 'wouter';
import { InlineError } from '../../components/InlineError.tsx';
import { useCommunity } from '../../hooks/use-communities.ts';
import { useNow } from '../../hooks/use-now.ts';
import { CommunityHeader } from './CommunityHeader.tsx';
import { FeedTab } from './FeedTab.tsx';
import { HealthTab } from './HealthTab.tsx';
import { JoinRequests } from './JoinRequests.tsx';
import { MembersTab } from './MembersTab.tsx';

type Tab = 'feed' | 'members' | 'health';

/** A community's page: its header, then its feed, its members and its health. Read from the local cache. */
export function CommunityScreen({ id }: { id: string }) {
  const communityId = decodeURIComponent(id);
  const detail = useCommunity(communityId);
  const [tab, setTab] = useState<Tab>('feed');
  const [, navigate] = useLocation();
  const now = useNow(60_000);

  let body;
  if (detail.data) {
    const data = detail.data;
    body = (
      <Stack gap="lg">
        <CommunityHeader detail={data} />
        <JoinRequests communityId={communityId} requests={data.requests} now={now} />
        <Tabs value={tab} onChange={(value) => setTab((value as Tab | null) ?? 'feed')} keepMounted={false}>
          <Tabs.List mb="md">
            <Tabs.Tab value="feed" leftSection={<IconMessages size={16} />} data-testid="tab-feed">
              Feed
            </Tabs.Tab>
            <Tabs.Tab value="members" leftSection={<IconUsers size={16} />} data-testid="tab-members">
              Members · {data.memberCount.toLocaleString('en')}
            </Tabs.Tab>
            <Tabs.Tab value="health" leftSection={<IconChartLine size={16} />} data-testid="tab-health">
              Health
            </Tabs.Tab>
          </Tabs.List>
          <Tabs.Panel value="feed">
            <FeedTab detail={data} now={now} />
          </Tabs.Panel>
          <Tabs.Panel value="members">
            <MembersTab detail={data} now={now} />
          </Tabs.Panel>
          <Tabs.Panel value="health">
            <HealthTab detail={data} />
          </Tabs.Panel>
        </Tabs>
      </Stack>
    );
  } else if (detail.error?.name === 'not_found') {
    body = (
      <Center py={80}>
        <EmptyState
          icon={<IconUsersGroup size={28} />}
          title="This community is not available"
          description="It may be private, or it no longer exists. Browse the communities you can see."
          data-testid="community-not-found"
        >
          <Button variant="light" onClick={() => navigate('/communities')}>
            Browse communities
          </Button>
        </EmptyState>
      </Center>
    );
  } else if (detail.error) {
    body = (
      <InlineError
        title="Could not open this community"
        error={detail.error}
        onRetry={() => void detail.refetch()}
      />
    );
  } else {
    body = (
      <Stack gap="lg" aria-busy>
        <Skeleton height={220} radius="lg" />
        <Skeleton height={40} radius="md" />
        <Skeleton height={120} radius="lg" />
      </Stack>
    );
  }

  return (
    <ScrollArea style={{ flex: '1 1 auto' }} type="auto">
      <Box p="lg" maw={1040}>
        <Button
          variant="subtle"
          size="compact-sm"
          leftSection={<IconArrowLeft size={16} />}
          onClick={() => navigate('/communities')}
          mb="md"
        >
          Communities
        </Button>
        {body}
      </Box>
    </ScrollArea>
  );
}
