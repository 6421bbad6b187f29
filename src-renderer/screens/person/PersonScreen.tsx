import {
  Box,
  Button,
  Center,
  EmptyState,
  Group,
  Paper,
  ScrollArea,
  Skeleton,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { IconArrowLeft, IconUserQuestion } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useLocation } from 'wouter';
import { InlineError } from '../../components/InlineError.tsx';
import { useProfile } from '../../hooks/use-directory.ts';
import { useSession } from '../../hooks/use-session.ts';
import { CommunitiesInCommon } from './CommunitiesInCommon.tsx';
import { ConnectionCard } from './ConnectionCard.tsx';
import { resetDirectoryFilters } from '../../lib/directory-filters.ts';
import { DirectReports } from './DirectReports.tsx';
import { IntroduceButton } from './IntroduceButton.tsx';
import { ManagerChain } from './ManagerChain.tsx';
import { NotesCard } from './NotesCard.tsx';
import { PersonHeader } from './PersonHeader.tsx';
import { SkillBadges } from './SkillBadges.tsx';

/** A colleague's page, read from the local cache: it works offline. */
export function PersonScreen({ id }: { id: string }) {
  const profile = useProfile(decodeURIComponent(id));
  const session = useSession();
  const [, navigate] = useLocation();
  const back = () => (window.history.length > 1 ? window.history.back() : navigate('/people'));
  const openSkill = (skill: string) => {
    resetDirectoryFilters({ skill });
    navigate('/people');
  };

  let body;
  if (profile.data) {
    const { person, managerChain, directReports } = profile.data;
    const isMe = session.data?.state === 'signed_in' && session.data.me?.id === person.id;
    body = (
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
  } else if (profile.error?.name === 'not_found') {
    body = (
      <Center py={80}>
        <EmptyState
          icon={<IconUserQuestion size={28} />}
          title="This person is not in the directory"
          description="They may have left, or the link is out of date. Search the directory to find who you are looking for."
          data-testid="profile-not-found"
        >
          <Button variant="light" onClick={() => navigate('/people')}>
            Search the directory
          </Button>
        </EmptyState>
      </Center>
    );
  } else if (profile.error) {
    body = (
      <InlineError
        title="Could not open this profile"
        error={profile.error}
        onRetry={() => void profile.refetch()}
      />
    );
  } else {
    body = <ProfileSkeleton />;
  }

  return (
    <ScrollArea style={{ flex: '1 1 auto' }} type="auto">
      <Box p="lg" maw={960}>
        <Button
          variant="subtle"
          size="compact-sm"
          leftSection={<IconArrowLeft size={16} />}
          onClick={back}
          mb="md"
        >
          Back
        </Button>
        {body}
      </Box>
    </ScrollArea>
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
