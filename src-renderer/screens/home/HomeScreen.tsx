import { Box, Grid, ScrollArea, Stack, Text, Title } from '@mantine/core';
import { SuggestionsSection } from '../../components/communities/SuggestionsSection.tsx';
import { useSession } from '../../hooks/use-session.ts';
import { useNow } from '../../hooks/use-now.ts';
import { ActivitySection } from './ActivitySection.tsx';
import { FollowUpsDue } from './FollowUpsDue.tsx';

function greeting(now: number): string {
  const hour = new Date(now).getHours();
  if (hour < 12) return 'Good morning';
  if (hour < 18) return 'Good afternoon';
  return 'Good evening';
}

/** Home: what is new in the communities you follow, what is due, and communities worth a look. */
export function HomeScreen() {
  const session = useSession();
  const now = useNow(60_000);
  const me = session.data?.state === 'signed_in' ? session.data.me : null;
  const firstName = me?.name.split(/\s+/)[0];
  return (
    <ScrollArea style={{ flex: '1 1 auto' }} type="auto">
      <Box p="lg" maw={1200} data-testid="home">
        <Stack gap={2} mb="lg">
          <Title order={1} fz={24}>
            {greeting(now)}
            {firstName ? `, ${firstName}` : ''}
          </Title>
          <Text size="sm" c="dimmed">
            Here is what happened in your communities and who to get back to.
          </Text>
        </Stack>
        <Grid gap="lg">
          <Grid.Col span={{ base: 12, md: 7, lg: 8 }}>
            <ActivitySection now={now} />
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 5, lg: 4 }}>
            <FollowUpsDue />
          </Grid.Col>
        </Grid>
        <Box mt="xl">
          <SuggestionsSection limit={3} withLink />
        </Box>
      </Box>
    </ScrollArea>
  );
}
