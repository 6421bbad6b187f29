import { Anchor, Box, Group, Skeleton, SimpleGrid, Text, Title } from '@mantine/core';
import { Link } from 'wouter';
import { SuggestionList } from './SuggestionList.tsx';
import { useCommunitySuggestions } from '../../hooks/use-communities.ts';
import { useNow } from '../../hooks/use-now.ts';
import { setCommunityFilters } from '../../lib/community-filters.ts';

/** "Communities for you": the best few suggestions; hidden when there are none (the list below says enough). */
export function SuggestionsSection({ limit, withLink = false }: { limit: number; withLink?: boolean }) {
  const suggestions = useCommunitySuggestions();
  const now = useNow(60_000);
  const items = suggestions.data?.items.slice(0, limit);
  if (suggestions.error || (items && items.length === 0)) return null;
  return (
    <Box data-testid="community-suggestions">
      <Group justify="space-between" align="baseline" mb="sm">
        <Title order={2} fz="sm" tt="uppercase" c="dimmed" fw={600} lts={0.4}>
          Communities for you
        </Title>
        {withLink ? (
          <Anchor
            component={Link}
            href="/communities"
            size="sm"
            onClick={() => setCommunityFilters({ scope: 'discover', kind: null, text: '' })}
          >
            Discover more
          </Anchor>
        ) : (
          <Text size="xs" c="dimmed">
            From your skills, your department and your connections
          </Text>
        )}
      </Group>
      {items ? (
        <SuggestionList suggestions={items} now={now} />
      ) : (
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }}>
          <Skeleton height={180} radius="lg" />
          <Skeleton height={180} radius="lg" />
          <Skeleton height={180} radius="lg" />
        </SimpleGrid>
      )}
    </Box>
  );
}
