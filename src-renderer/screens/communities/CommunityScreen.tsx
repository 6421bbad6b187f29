import { Skeleton, Stack, Tabs } from '@mantine/core';
import { IconChartLine, IconMessages, IconUsers, IconUsersGroup } from '@tabler/icons-react';
import { useState } from 'react';
import { useLocation } from 'wouter';
import type { CommunityDetail } from '#shared/domain/community';
import { DetailPage } from '../../components/DetailPage.tsx';
import { useCommunity } from '../../hooks/use-communities.ts';
import { useNow } from '../../hooks/use-now.ts';
import { communityControls } from '../../lib/community-labels.ts';
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
  // The tab and the clock stay with the page, not its body: going from one community to another keeps the tab.
  const [tab, setTab] = useState<Tab>('feed');
  const now = useNow(60_000);
  const [, navigate] = useLocation();
  const browse = () => navigate('/communities');

  return (
    <DetailPage
      back={{ label: 'Communities', onClick: browse }}
      maw={1040}
      query={detail}
      errorTitle="Could not open this community"
      loading={
        <Stack gap="lg" aria-busy>
          <Skeleton height={220} radius="lg" />
          <Skeleton height={40} radius="md" />
          <Skeleton height={120} radius="lg" />
        </Stack>
      }
      notFound={{
        icon: <IconUsersGroup size={28} />,
        title: 'This community is not available',
        description: 'It may be private, or it no longer exists. Browse the communities you can see.',
        testId: 'community-not-found',
        action: { label: 'Browse communities', onClick: browse },
      }}
    >
      {(data) => <CommunityBody detail={data} tab={tab} onTab={setTab} now={now} />}
    </DetailPage>
  );
}

interface BodyProps {
  detail: CommunityDetail;
  tab: Tab;
  onTab: (tab: Tab) => void;
  now: number;
}

function CommunityBody({ detail, tab, onTab, now }: BodyProps) {
  return (
    <Stack gap="lg">
      <CommunityHeader detail={detail} />
      {communityControls(detail.community, detail.me).decideRequests ? (
        <JoinRequests communityId={detail.community.id} requests={detail.requests} now={now} />
      ) : null}
      <Tabs value={tab} onChange={(value) => onTab((value as Tab | null) ?? 'feed')} keepMounted={false}>
        <Tabs.List mb="md">
          <Tabs.Tab value="feed" leftSection={<IconMessages size={16} />} data-testid="tab-feed">
            Feed
          </Tabs.Tab>
          <Tabs.Tab value="members" leftSection={<IconUsers size={16} />} data-testid="tab-members">
            Members · {detail.memberCount.toLocaleString('en')}
          </Tabs.Tab>
          <Tabs.Tab value="health" leftSection={<IconChartLine size={16} />} data-testid="tab-health">
            Health
          </Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="feed">
          <FeedTab detail={detail} now={now} />
        </Tabs.Panel>
        <Tabs.Panel value="members">
          <MembersTab detail={detail} now={now} />
        </Tabs.Panel>
        <Tabs.Panel value="health">
          <HealthTab detail={detail} />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}
