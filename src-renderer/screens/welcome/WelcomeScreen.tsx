import { Box, Group, Paper, SimpleGrid, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { IconAddressBook } from '@tabler/icons-react';
import type { Session } from '#shared/domain/session';
import { AccessTokenForm } from './AccessTokenForm.tsx';
import { DemoCard } from './DemoCard.tsx';
import { ServerSignInCard } from './ServerSignInCard.tsx';
import { SignedOutNotice } from './SignedOutNotice.tsx';

/** First run, or after signing out: sign in at the company's server, or look around the demo organization. */
export function WelcomeScreen({ session }: { session: Extract<Session, { state: 'signed_out' }> }) {
  return (
    <Box h="100dvh" style={{ overflowY: 'auto' }} bg="var(--mantine-color-body)">
      {/* Anchored at the top, not centred: an error or the token form grows the page downwards only. */}
      <Box maw={880 + 64} mx="auto" px="xl" pb="xl" pt="max(2rem, 14vh)">
        <Stack gap="xl" data-testid="welcome">
          <Group gap="sm">
            <ThemeIcon size={44} radius="md" variant="gradient" gradient={{ from: 'indigo', to: 'cyan' }}>
              <IconAddressBook size={26} />
            </ThemeIcon>
            <div>
              <Title order={1} fz={28}>
                Welcome to Kith
              </Title>
              <Text c="dimmed">Find colleagues across departments and sites — even offline.</Text>
            </div>
          </Group>
          <SignedOutNotice session={session} />
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="lg">
            <Paper withBorder p="lg" radius="lg" mih={300}>
              <ServerSignInCard />
            </Paper>
            <Paper withBorder p="lg" radius="lg" mih={300}>
              <DemoCard />
            </Paper>
          </SimpleGrid>
          <AccessTokenForm />
        </Stack>
      </Box>
    </Box>
  );
}
