import { Box, Stack } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useRef, type KeyboardEvent } from 'react';
import { useLocation } from 'wouter';
import type { PersonSummary } from '#shared/domain/person';
import { ScreenHeader } from '../../components/ScreenHeader.tsx';
import { InlineError } from '../../components/InlineError.tsx';
import { useDirectoryHead } from '../../hooks/use-directory.ts';
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
import { ResultList, ResultListLoading, type KeyHandlerRef } from './ResultList.tsx';

const SEARCH_DEBOUNCE_MS = 120;

/**
 * People: search as you type, filter by department, site and skill, open a profile. Scrolling re-renders only
 * the result list, never this header: the list registers its keyboard handler for the search box to call.
 */
export function DirectoryScreen() {
  const filters = useDirectoryFilters();
  // Typing is debounced; picking a filter applies at once (the debounced text is reused as is).
  const [text] = useDebouncedValue(filters.text, SEARCH_DEBOUNCE_MS);
  const query: DirectoryFilters = { ...filters, text };
  const head = useDirectoryHead(query);
  // Typed but not answered yet: still debouncing, or the previous results stand in for the new ones.
  const pending = text !== filters.text || head.isPlaceholderData;
  const keyHandlerRef: KeyHandlerRef = useRef(null);
  const [, navigate] = useLocation();
  const openPerson = (person: PersonSummary) => navigate(`/people/${encodeURIComponent(person.id)}`);

  return (
    <Stack gap={0} style={{ flex: '1 1 auto', minHeight: 0 }}>
      <ScreenHeader
        title="People"
        countTestId="directory-total"
        count={head.data ? describeTotal(head.data.page) : null}
        busy={pending}
      >
        <DirectorySearchBox
          value={filters.text}
          onChange={(value) => setDirectoryFilters({ text: value })}
          onKeyDown={(event: KeyboardEvent) => keyHandlerRef.current?.(event)}
          busy={pending}
        />
        <DirectoryFilterBar filters={filters} />
      </ScreenHeader>
      <Results query={query} keyHandlerRef={keyHandlerRef} onOpen={openPerson} />
    </Stack>
  );
}

interface ResultsProps {
  query: DirectoryFilters;
  keyHandlerRef: KeyHandlerRef;
  onOpen: (person: PersonSummary) => void;
}

function Results({ query, keyHandlerRef, onOpen }: ResultsProps) {
  const head = useDirectoryHead(query);
  if (head.error && !head.data) {
    return (
      <Box p="lg">
        <InlineError title="Search failed" error={head.error} onRetry={() => void head.refetch()} />
      </Box>
    );
  }
  if (!head.data) return <ResultListLoading />;
  if (head.data.page.total === 0) return <DirectoryEmpty filtered={hasActiveFilters(head.data.filters)} />;
  return <ResultList query={query} keyHandlerRef={keyHandlerRef} onOpen={onOpen} />;
}

/** "1,234 people", or "1,000+ people — add a word or a filter" when the text matches more than are ranked. */
function describeTotal(page: { total: number; totalIsLowerBound: boolean }): string {
  if (!page.totalIsLowerBound) return formatCount(page.total, 'person', 'people');
  return `${page.total.toLocaleString()}+ people — add a word or a filter to narrow down`;
}
