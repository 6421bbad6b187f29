import {
  Box,
  Button,
  CloseButton,
  Group,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  TextInput,
  Title,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconCompass, IconPlus, IconSearch, IconUsersGroup } from '@tabler/icons-react';
import { useState } from 'react';
import { useLocation } from 'wouter';
import { COMMUNITY_KINDS, type CommunityKind } from '#shared/domain/community';
import { CommunityCard, communityHref } from '../../components/communities/CommunityCard.tsx';
import { CommunityFormModal } from '../../components/communities/CommunityFormModal.tsx';
import { CenteredEmpty } from '../../components/CenteredEmpty.tsx';
import { QueryBoundary } from '../../components/QueryBoundary.tsx';
import { ListScreen } from '../../components/ListScreen.tsx';
import { useCommunityList } from '../../hooks/use-communities.ts';
import { useNow } from '../../hooks/use-now.ts';
import { COMMUNITY_KIND_LABELS } from '../../lib/community-labels.ts';
import { setCommunityFilters, useCommunityFilters } from '../../lib/community-filters.ts';
import { formatCount } from '../../lib/format.ts';
import { SuggestionsSection } from '../../components/communities/SuggestionsSection.tsx';

const kindOptions = COMMUNITY_KINDS.map((value) => ({ value, label: COMMUNITY_KIND_LABELS[value] }));

/** Communities: the ones you belong to, and the ones to discover, with suggestions that say why. */
export function CommunitiesScreen() {
  const filters = useCommunityFilters();
  const [text] = useDebouncedValue(filters.text.trim(), 150);
  const [proposing, setProposing] = useState(false);
  const [, navigate] = useLocation();
  const now = useNow(60_000);
  const list = useCommunityList({
    scope: filters.scope,
    kind: filters.kind ?? undefined,
    text: text || undefined,
  });
  const filtered = Boolean(filters.kind || text);
  const items = list.data?.items;

  return (
    <ListScreen
      title="Communities"
      countTestId="communities-total"
      count={items ? formatCount(items.length, 'community', 'communities') : null}
      busy={list.isFetching}
      controls={
        <Group gap="sm" wrap="wrap">
          <SegmentedControl
            value={filters.scope}
            onChange={(value) => setCommunityFilters({ scope: value as 'mine' | 'discover' })}
            data={[
              { value: 'mine', label: 'My communities' },
              { value: 'discover', label: 'Discover' },
            ]}
            data-testid="communities-scope"
          />
          <TextInput
            placeholder="Search by name or purpose"
            aria-label="Search communities"
            leftSection={<IconSearch size={16} />}
            rightSection={
              filters.text ? (
                <CloseButton
                  size="sm"
                  aria-label="Clear search"
                  onClick={() => setCommunityFilters({ text: '' })}
                />
              ) : null
            }
            value={filters.text}
            onChange={(e) => setCommunityFilters({ text: e.currentTarget.value })}
            style={{ flex: '1 1 240px' }}
            data-testid="communities-search"
          />
          <Select
            placeholder="Every kind"
            aria-label="Kind of community"
            data={kindOptions}
            value={filters.kind}
            onChange={(value) => setCommunityFilters({ kind: (value as CommunityKind | null) ?? null })}
            clearable
            w={220}
            comboboxProps={{ withinPortal: true }}
            data-testid="communities-kind"
          />
          <Button
            leftSection={<IconPlus size={16} />}
            onClick={() => setProposing(true)}
            data-testid="propose-community"
          >
            Propose a community
          </Button>
        </Group>
      }
    >
      <Stack gap="xl">
        {filters.scope === 'discover' && !filtered ? <SuggestionsSection limit={6} /> : null}
        <Box>
          {filters.scope === 'discover' && !filtered ? (
            <Title order={2} fz="sm" tt="uppercase" c="dimmed" fw={600} lts={0.4} mb="sm">
              All communities you can join
            </Title>
          ) : null}
          <QueryBoundary query={list} errorTitle="Could not read the communities">
            {(data) =>
              data.items.length === 0 ? (
                <ListEmpty scope={filters.scope} filtered={filtered} onPropose={() => setProposing(true)} />
              ) : (
                <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="md" data-testid="community-list">
                  {data.items.map((summary) => (
                    <CommunityCard key={summary.community.id} summary={summary} now={now} />
                  ))}
                </SimpleGrid>
              )
            }
          </QueryBoundary>
        </Box>
      </Stack>
      {proposing ? (
        <CommunityFormModal
          onClose={() => setProposing(false)}
          onSaved={(detail) => navigate(communityHref(detail.community.id))}
        />
      ) : null}
    </ListScreen>
  );
}

function ListEmpty({
  scope,
  filtered,
  onPropose,
}: {
  scope: 'mine' | 'discover';
  filtered: boolean;
  onPropose: () => void;
}) {
  const common = { py: 60, testId: 'communities-empty' };
  if (filtered) {
    return (
      <CenteredEmpty
        {...common}
        icon={<IconSearch size={28} />}
        title="No community matches"
        description="Try another word, or clear the kind filter."
        action={{ label: 'Clear filters', onClick: () => setCommunityFilters({ text: '', kind: null }) }}
      />
    );
  }
  if (scope === 'discover') {
    return (
      <CenteredEmpty
        {...common}
        icon={<IconCompass size={28} />}
        title="Nothing new to discover"
        description="You are in every community you can see. Propose a new one if something is missing."
        action={{ label: 'Propose a community', onClick: onPropose }}
      />
    );
  }
  return (
    <CenteredEmpty
      {...common}
      icon={<IconUsersGroup size={28} />}
      title="You are not in any community yet"
      description="Discover communities of practice, interest groups and change networks your colleagues run, or propose your own."
    >
      <Group gap="sm" justify="center">
        <Button
          leftSection={<IconCompass size={16} />}
          onClick={() => setCommunityFilters({ scope: 'discover' })}
        >
          Discover communities
        </Button>
        <Button variant="default" onClick={onPropose}>
          Propose one
        </Button>
      </Group>
    </CenteredEmpty>
  );
}
