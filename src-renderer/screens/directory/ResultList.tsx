import { Box } from '@mantine/core';
import { useCallback, useEffect, useRef, type KeyboardEvent, type RefObject } from 'react';
import type { PersonSummary } from '#shared/domain/person';
import { InlineError } from '../../components/InlineError.tsx';
import { ROW_HEIGHT, useResultList } from './use-result-list.ts';
import type { DirectoryFilters } from '../../lib/directory-filters.ts';
import { ResultRow, SkeletonRow, rowDomId } from './ResultRow.tsx';

export type KeyHandlerRef = RefObject<((event: KeyboardEvent) => void) | null>;

interface Props {
  query: DirectoryFilters;
  /** Filled with this list's keyboard handler, for the search box to forward arrows and Enter. */
  keyHandlerRef: KeyHandlerRef;
  onOpen: (person: PersonSummary) => void;
}

/** Only the rows in view exist in the DOM; a row whose page has not arrived yet is a skeleton. */
export function ResultList({ query, keyHandlerRef, onOpen }: Props) {
  const list = useResultList(query, onOpen);
  const { virtualizer, virtualRows, itemAt, highlight, total, setScrollElement, onKeyDown, openAt } = list;

  useEffect(() => {
    keyHandlerRef.current = onKeyDown;
    // The search box keeps focus while the arrows move through the list (the combobox pattern).
    document.getElementById('directory-search')?.setAttribute('aria-activedescendant', rowDomId(highlight));
  });
  useEffect(
    () => () => {
      keyHandlerRef.current = null;
      document.getElementById('directory-search')?.removeAttribute('aria-activedescendant');
    },
    [keyHandlerRef],
  );

  // Rows are memoized; a stable click handler keeps them from re-rendering on every scroll frame.
  const latestOpenAt = useRef(openAt);
  useEffect(() => {
    latestOpenAt.current = openAt;
  });
  const stableOpen = useCallback((index: number) => latestOpenAt.current(index), []);

  return (
    <>
      {list.pageError ? (
        <Box px="lg" pt="sm">
          <InlineError title="Some results could not load" error={list.pageError} onRetry={list.retryPages} />
        </Box>
      ) : null}
      <Box
        ref={setScrollElement}
        id="directory-results"
        role="listbox"
        aria-label="People"
        aria-activedescendant={total > 0 ? rowDomId(highlight) : undefined}
        tabIndex={0}
        onKeyDown={onKeyDown}
        data-testid="directory-results"
        style={{ flex: '1 1 auto', minHeight: 0, overflowY: 'auto', contain: 'strict' }}
      >
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative', width: '100%' }}>
          {virtualRows.map((row) => {
            const person = itemAt(row.index);
            if (!person) return <SkeletonRow key={`skeleton-${row.index}`} start={row.start} />;
            return (
              <ResultRow
                key={`${row.index}-${person.id}`}
                person={person}
                index={row.index}
                start={row.start}
                highlighted={row.index === highlight}
                onOpen={stableOpen}
              />
            );
          })}
        </div>
      </Box>
    </>
  );
}

/** Placeholder rows before the first answer, when the total is not known yet. */
export function ResultListLoading() {
  return (
    <Box style={{ flex: '1 1 auto', minHeight: 0, overflow: 'hidden', position: 'relative' }}>
      {Array.from({ length: 10 }, (_, i) => (
        <SkeletonRow key={i} start={i * ROW_HEIGHT} />
      ))}
    </Box>
  );
}
