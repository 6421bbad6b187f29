import { Box } from '@mantine/core';
import type { PersonSummary } from '#shared/domain/person';
import type { ResultList as ResultListState } from '../../hooks/use-result-list.ts';
import { ROW_HEIGHT } from '../../hooks/use-result-list.ts';
import { ResultRow, SkeletonRow, rowDomId } from './ResultRow.tsx';

interface Props {
  list: ResultListState;
  onOpen: (person: PersonSummary) => void;
}

/** Only the rows in view exist in the DOM; a row whose page has not arrived yet is a skeleton. */
export function ResultList({ list, onOpen }: Props) {
  const { virtualizer, virtualRows, itemAt, highlight, setHighlight, total, setScrollElement, onKeyDown } =
    list;
  return (
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
          const style = { height: ROW_HEIGHT, transform: `translateY(${row.start}px)` };
          const person = itemAt(row.index);
          if (!person) return <SkeletonRow key={`skeleton-${row.index}`} style={style} />;
          return (
            <ResultRow
              key={`${row.index}-${person.id}`}
              person={person}
              index={row.index}
              highlighted={row.index === highlight}
              style={style}
              onOpen={(p, index) => {
                setHighlight(index);
                onOpen(p);
              }}
            />
          );
        })}
      </div>
    </Box>
  );
}

/** Placeholder rows before the first answer, when the total is not known yet. */
export function ResultListLoading() {
  return (
    <Box style={{ flex: '1 1 auto', minHeight: 0, overflow: 'hidden', position: 'relative' }}>
      {Array.from({ length: 10 }, (_, i) => (
        <SkeletonRow key={i} style={{ height: ROW_HEIGHT, transform: `translateY(${i * ROW_HEIGHT}px)` }} />
      ))}
    </Box>
  );
}
