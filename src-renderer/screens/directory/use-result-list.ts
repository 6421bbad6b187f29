import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { PersonSummary } from '#shared/domain/person';
import type { DirectoryFilters } from '../../lib/directory-filters.ts';
import { PAGE_SIZE, useDirectoryHead, useDirectoryPages } from '../../hooks/use-directory.ts';

export const ROW_HEIGHT = 64;

function pagesBetween(firstIndex: number, lastIndex: number): number[] {
  const pages: number[] = [];
  for (let page = Math.floor(firstIndex / PAGE_SIZE); page <= Math.floor(lastIndex / PAGE_SIZE); page += 1) {
    pages.push(page);
  }
  return pages;
}

/** Where the list was when it unmounted (a profile opened), so Back returns to the same row. */
let remembered = { key: '', offset: 0, index: 0 };

/**
 * The directory's result list: `total` rows virtualized, each page of 100 fetched when it scrolls into view,
 * a highlighted row moved by the arrow keys. While a new search runs, the previous one stays on screen.
 */
export function useResultList(filters: DirectoryFilters, onOpen: (person: PersonSummary) => void) {
  const head = useDirectoryHead(filters);
  const shown = head.data?.filters ?? filters;
  const shownKey = JSON.stringify(shown);
  const total = head.data?.page.total ?? 0;

  // The scroll container as state (a callback ref), so the virtualizer re-measures when it mounts.
  const [scrollElement, setScrollElement] = useState<HTMLDivElement | null>(null);
  // eslint-disable-next-line react-hooks/incompatible-library -- TanStack Virtual is not memoizable; this hook re-renders on scroll by design
  const virtualizer = useVirtualizer({
    count: total,
    getScrollElement: () => scrollElement,
    estimateSize: () => ROW_HEIGHT,
    overscan: 8,
    initialOffset: () => (remembered.key === shownKey ? remembered.offset : 0),
  });
  const virtualRows = virtualizer.getVirtualItems();
  const pageIndices = pagesBetween(virtualRows[0]?.index ?? 0, virtualRows.at(-1)?.index ?? 0);
  const pages = useDirectoryPages(shown, pageIndices);

  const pageByIndex = new Map(pageIndices.map((pageIndex, i) => [pageIndex, pages[i]]));
  const itemAt = (index: number): PersonSummary | undefined =>
    pageByIndex.get(Math.floor(index / PAGE_SIZE))?.data?.page.items[index % PAGE_SIZE];
  const pageError = pages.find((page) => page.error)?.error ?? null;

  // The highlight belongs to one search: a new search starts again at the top.
  const [highlightState, setHighlightState] = useState(() => ({
    key: shownKey,
    index: remembered.key === shownKey ? remembered.index : 0,
  }));
  const highlight =
    highlightState.key === shownKey ? Math.min(highlightState.index, Math.max(0, total - 1)) : 0;
  const setHighlight = (index: number) => {
    const next = Math.max(0, Math.min(total - 1, index));
    setHighlightState({ key: shownKey, index: next });
    virtualizer.scrollToIndex(next, { align: 'auto' });
  };

  // A new search scrolls back to the top; the position is remembered for when the list comes back.
  const position = useRef({ key: shownKey, offset: 0, index: 0 });
  useEffect(() => {
    if (position.current.key !== shownKey) virtualizer.scrollToOffset(0);
    position.current = { key: shownKey, offset: virtualizer.scrollOffset ?? 0, index: highlight };
  });
  useEffect(
    () => () => {
      remembered = position.current;
    },
    [],
  );

  const onKeyDown = (event: KeyboardEvent) => {
    if (total === 0) return;
    const visibleRows = Math.max(1, Math.floor((scrollElement?.clientHeight ?? 0) / ROW_HEIGHT) - 1);
    const moves: Record<string, number> = {
      ArrowDown: highlight + 1,
      ArrowUp: highlight - 1,
      PageDown: highlight + visibleRows,
      PageUp: highlight - visibleRows,
    };
    const target = moves[event.key];
    if (target !== undefined) {
      event.preventDefault();
      setHighlight(target);
    } else if (event.key === 'Enter' && itemAt(highlight)) {
      event.preventDefault();
      openAt(highlight);
    }
  };

  const openAt = (index: number) => {
    const person = itemAt(index);
    if (!person) return;
    setHighlightState({ key: shownKey, index });
    // Opening unmounts the list before it renders again: remember the row now.
    position.current = { ...position.current, index };
    onOpen(person);
  };

  return {
    total,
    setScrollElement,
    virtualizer,
    virtualRows,
    itemAt,
    pageError,
    retryPages: () => pages.forEach((page) => page.error && void page.refetch()),
    highlight,
    onKeyDown,
    openAt,
  };
}
export type ResultList = ReturnType<typeof useResultList>;
