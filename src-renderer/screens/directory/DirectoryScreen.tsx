import { Box, Group, Stack, Text, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useLocation } from 'wouter';
import type { PersonSummary } from '#shared/domain/person';
import { InlineError } from '../../components/InlineError.tsx';
import { useResultList } from '../../hooks/use-result-list.ts';
import {
  hasActiveFilters,
  setDirectoryFilters,
  useDirectoryFilters,
  type DirectoryFilters,
} from '../../lib/directory-filters.ts';
import { formatCount } from '../../lib/format.ts';
import { DirectoryEmpty } from './DirectoryEmpty.tsx';
import { DirectoryFilterBar } from './DirectoryFilterBar.tsx';
import { DirectorySearchBox } from './DirectorySearchBox.tsx';
import { ResultList, ResultListLoading } from './ResultList.tsx';
import { rowDomId } from './ResultRow.tsx';

const SEARCH_DEBOUNCE_MS = 120;

/** People: search as you type, filter by department, site and skill, open a profile. */
export function DirectoryScreen() {
  const filters = useDirectoryFilters();
  // Typing is debounced; picking a filter applies at once (the debounced text is reused as is).
  const [text] = useDebouncedValue(filters.text, SEARCH_DEBOUNCE_MS);
  const query: DirectoryFilters = { ...filters, text };
  const [, navigate] = useLocation();
  const openPerson = (person: PersonSummary) => navigate(`/people/${encodeURIComponent(person.id)}`);
  const list = useResultList(query, openPerson);

  return (
    <Stack gap={0} style={{ flex: '1 1 auto', minHeight: 0 }}>
      <Stack
        gap="sm"
        p="lg"
        pb="md"
        style={{ borderBottom: '1px solid var(--mantine-color-default-border)' }}
      >
        <Group justify="space-between" align="baseline">
          <Title order={1} fz={22}>
            People
          </Title>
          <Text size="sm" c="dimmed" data-testid="directory-total" aria-live="polite">
            {list.head.data ? formatCount(list.total, 'person', 'people') : ' '}
          </Text>
        </Group>
        <DirectorySearchBox
          value={filters.text}
          onChange={(value) => setDirectoryFilters({ text: value })}
          onKeyDown={list.onKeyDown}
          busy={list.head.isPlaceholderData}
          activeDescendant={list.total > 0 ? rowDomId(list.highlight) : undefined}
        />
        <DirectoryFilterBar filters={filters} />
      </Stack>
      <Results list={list} filtered={hasActiveFilters(list.shown)} onOpen={openPerson} />
    </Stack>
  );
}

interface ResultsProps {
  list: ReturnType<typeof useResultList>;
  filtered: boolean;
  onOpen: (person: PersonSummary) => void;
}

function Results({ list, filtered, onOpen }: ResultsProps) {
  if (list.head.error && !list.head.data) {
    return (
      <Box p="lg">
        <InlineError title="Search failed" error={list.head.error} onRetry={() => void list.head.refetch()} />
      </Box>
    );
  }
  if (!list.head.data) return <ResultListLoading />;
  if (list.total === 0) return <DirectoryEmpty filtered={filtered} />;
  return (
    <>
      {list.pageError ? (
        <Box px="lg" pt="sm">
          <InlineError title="Some results could not load" error={list.pageError} onRetry={list.retryPages} />
        </Box>
      ) : null}
      <ResultList list={list} onOpen={onOpen} />
    </>
  );
}
