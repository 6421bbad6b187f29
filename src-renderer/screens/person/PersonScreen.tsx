import { Group, Paper, Skeleton, Stack, Text, Title } from '@mantine/core';
import { IconUserQuestion } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useLocation } from 'wouter';
import type { PersonProfile } from '#shared/domain/directory';
import { DetailPage } from '../../components/DetailPage.tsx';
import { useProfile } from '../../hooks/use-directory.ts';
import { useSession } from '../../hooks/use-session.ts';
import { resetDirectoryFilters } from '../../lib/directory-filters.ts';
import { CommunitiesInCommon } from './CommunitiesInCommon.tsx';
import { ConnectionCard } from './ConnectionCard.tsx';
import { DirectReports } from './DirectReports.tsx';
import { IntroduceButton } from './IntroduceButton.tsx';
import { ManagerChain } from './ManagerChain.tsx';
import { NotesCard } from './NotesCard.tsx';
import { PersonHeader } from './PersonHeader.tsx';
import { SkillBadges } from './SkillBadges.tsx';

/** A colleague's page, read from the local cache: it works offline. */
export function PersonScreen({ id }: { id: string }) {
  const profile = useProfile(decodeURIComponent(id));
  const [, navigate] = useLocation();
  const back = () => (window.history.length > 1 ? window.history.back() : navigate('/people'));

  return (
    <DetailPage
      back={{ label: 'Back', onClick: back }}
      maw={960}
      query={profile}
      errorTitle="Could not open this profile"
      loading={<ProfileSkeleton />}
      notFound={{
        icon: <IconUserQuestion size={28} />,
        title: 'This person is not in the directory',
        description:
          'They may have left, or the link is out of date. Search the directory to find who you are looking for.',
        testId: 'profile-not-found',
        action: { label: 'Search the directory', onClick: () => navigate('/people') },
      }}
    >
      {(data) => <ProfileBody profile={data} />}
    </DetailPage>
  );
}

function ProfileBody({ profile }: { profile: PersonProfile }) {
  const { person, managerChain, directReports } = profile;
  const session = useSession();
  const [, navigate] = useLocation();
  const isMe = session.data?.state === 'signed_in' && session.data.me?.id === person.id;
  const openSkill = (skill: string) => {
    resetDirectoryFilters({ skill });
    navigate('/people');
  };
  return (
    <Stack gap="lg">
      <PersonHeader person={person} />
      {isMe ? null : (
        <>
          <Section title="Your connection">
            <Stack gap="sm">
              <ConnectionCard personId={person.id} personName={person.name} />
              <IntroduceButton personId={person.id} />
            </Stack>
          </Section>
          <Section title="Notes">
            <NotesCard personId={person.id} personName={person.name} />
          </Section>
          <Section title="Communities in common">
            <CommunitiesInCommon personId={person.id} personName={person.name} />
          </Section>
        </>
      )}
      <Section title="Skills">
        <SkillBadges skills={person.skills} onOpen={openSkill} />
      </Section>
      <Section title="About">
        <Text
          size="sm"
          style={{ whiteSpace: 'pre-wrap' }}
          c={person.bio ? undefined : 'dimmed'}
          data-selectable
        >
          {person.bio || `${person.name} has not written a bio yet.`}
        </Text>
      </Section>
      <Group align="stretch" grow wrap="wrap" gap="lg">
        <Section title="Reporting line">
          <ManagerChain chain={managerChain} person={person} />
        </Section>
        <Section title={`Direct reports (${directReports.length})`}>
          <DirectReports reports={directReports} />
        </Section>
      </Group>
    </Stack>
  );
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Paper withBorder p="md" radius="lg" miw={280}>
      <Title order={2} fz="sm" tt="uppercase" c="dimmed" fw={600} mb="sm" lts={0.4}>
        {title}
      </Title>
      {children}
    </Paper>
  );
}

function ProfileSkeleton() {
  return (
    <Stack gap="lg" aria-busy>
      <Group gap="lg">
        <Skeleton circle height={84} />
        <Stack gap={10} style={{ flex: 1 }}>
          <Skeleton height={22} width="40%" />
          <Skeleton height={12} width="30%" />
          <Skeleton height={12} width="50%" />
        </Stack>
      </Group>
      <Skeleton height={90} radius="lg" />
      <Skeleton height={160} radius="lg" />
    </Stack>
  );
}
