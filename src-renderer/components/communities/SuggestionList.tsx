import { Group, SimpleGrid, Stack, Text, ThemeIcon } from '@mantine/core';
import { IconBriefcase, IconSparkles, IconUsersGroup } from '@tabler/icons-react';
import type { CommunitySuggestion, SuggestionReason } from '#shared/domain/community';
import { describeReason } from '../../lib/community-reasons.ts';
import { CommunityCard } from './CommunityCard.tsx';

const reasonIcons = {
  connections: IconUsersGroup,
  skills: IconSparkles,
  department_peers: IconBriefcase,
} as const satisfies Record<SuggestionReason['type'], unknown>;

/** "Communities for you": each card says why it is suggested. */
export function SuggestionList({
  suggestions,
  now,
  columns = 3,
}: {
  suggestions: readonly CommunitySuggestion[];
  now: number;
  columns?: number;
}) {
  return (
    <SimpleGrid cols={{ base: 1, sm: 2, lg: columns }} spacing="md">
      {suggestions.map((suggestion) => (
        <CommunityCard
          key={suggestion.summary.community.id}
          summary={suggestion.summary}
          now={now}
          testId="suggestion-card"
        >
          <Stack gap={4} data-testid="suggestion-reasons">
            {suggestion.reasons.map((reason) => {
              const Icon = reasonIcons[reason.type];
              return (
                <Group key={reason.type} gap={6} wrap="nowrap" align="flex-start">
                  <ThemeIcon size={18} variant="light" color="indigo" radius="xl">
                    <Icon size={12} />
                  </ThemeIcon>
                  <Text size="xs" data-testid="suggestion-reason">
                    {describeReason(reason)}
                  </Text>
                </Group>
              );
            })}
          </Stack>
        </CommunityCard>
      ))}
    </SimpleGrid>
  );
}
