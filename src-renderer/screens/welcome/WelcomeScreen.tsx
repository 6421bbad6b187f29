import { Alert, Box, Center, Group, Paper, SimpleGrid, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { IconAddressBook, IconInfoCircle } from '@tabler/icons-react';
import { ConnectServerForm } from './ConnectServerForm.tsx';
import { DemoCard } from './DemoCard.tsx';

/** First run, or after signing out: connect to the company's server or look around the demo organization. */
export function WelcomeScreen({ reason }: { reason: string | null }) {
  return (
    <Box h="100dvh" style={{ overflowY: 'auto' }} bg="var(--mantine-color-body)">
      <Center mih="100%" p="xl">
        <Stack gap="xl" w="100%" maw={880} data-testid="welcome">
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
          {reason ? (
            <Alert variant="light" color="yellow" icon={<IconInfoCircle />} title="You were signed out">
              {reason}
            </Alert>
          ) : null}
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="lg">
            <Paper withBorder p="lg" radius="lg">
              <ConnectServerForm />
            </Paper>
            <Paper withBorder p="lg" radius="lg">
              <DemoCard />
            </Paper>
          </SimpleGrid>
        </Stack>
      </Center>
    </Box>
  );
}
