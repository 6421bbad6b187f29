import { Group, SegmentedControl } from '@mantine/core';
import type { ReactNode } from 'react';
import type { PersonSummary } from '#shared/domain/person';
import type { GraphControls } from '../../graph/graph-controls.ts';
import { changeGraphControls } from './graph-controls-store.ts';
import type { GraphFilterOptions } from '../../graph/graph-filter-options.ts';
import { GraphAppearancePopover } from './GraphAppearancePopover.tsx';
import { GraphFiltersPopover } from './GraphFiltersPopover.tsx';
import { PersonPicker } from './PersonPicker.tsx';

interface Props {
  controls: GraphControls;
  options: GraphFilterOptions;
  people: readonly PersonSummary[];
  search: string;
  onSearch: (text: string) => void;
  onFind: (person: PersonSummary) => void;
  /** The export menu, at the right end. */
  end: ReactNode;
}

/** How far the graph reaches, what it shows, how it looks, and a box to find someone in it. */
export function GraphToolbar({ controls, options, people, search, onSearch, onFind, end }: Props) {
  return (
    <Group
      gap="sm"
      px="lg"
      py="sm"
      justify="space-between"
      wrap="nowrap"
      style={{ borderBottom: '1px solid var(--mantine-color-default-border)' }}
    >
      <Group gap="sm" wrap="nowrap">
        <SegmentedControl
          size="sm"
          aria-label="How far the graph reaches"
          data={[
            { value: '1', label: 'People I know' },
            { value: '2', label: '+ who they know' },
          ]}
          value={String(controls.depth)}
          onChange={(value) => changeGraphControls({ type: 'setDepth', depth: value === '2' ? 2 : 1 })}
          data-testid="graph-depth"
        />
        <PersonPicker
          people={people}
          value={search}
          onChange={onSearch}
          onPick={onFind}
          placeholder="Find a person…"
          testId="graph-search"
          w={200}
        />
        <GraphFiltersPopover controls={controls} options={options} />
        <GraphAppearancePopover controls={controls} />
      </Group>
      <Group gap="sm" wrap="nowrap" style={{ flex: 'none' }}>
        {end}
      </Group>
    </Group>
  );
}
