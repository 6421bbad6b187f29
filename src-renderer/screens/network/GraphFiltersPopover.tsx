import { Badge, Button, Group, Popover, Select, Stack, Text } from '@mantine/core';
import { IconFilter } from '@tabler/icons-react';
import type { ConnectionKind } from '#shared/domain/connection';
import { countActiveFilters, type GraphControls, type GraphFilters } from '../../graph/graph-controls.ts';
import { CONNECTION_KIND_LABELS, STRENGTH_LABELS } from '../../lib/connection-labels.ts';
import { changeGraphControls } from './graph-controls-store.ts';
import type { GraphFilterOptions } from '../../graph/graph-filter-options.ts';

/** Department, site, community, kind of tie and minimum strength, behind one button that counts them. */
export function GraphFiltersPopover({
  controls,
  options,
}: {
  controls: GraphControls;
  options: GraphFilterOptions;
}) {
  const active = countActiveFilters(controls);
  const { filters } = controls;
  const set = (patch: GraphFilters) => changeGraphControls({ type: 'setFilter', filters: patch });
  const clear = (key: keyof GraphFilters) => changeGraphControls({ type: 'clearFilter', key });
  const pick = (key: 'department' | 'location' | 'communityId') => (value: string | null) =>
    value ? set({ [key]: value }) : clear(key);
  return (
    <Popover position="bottom-start" shadow="md" width={300} trapFocus>
      <Popover.Target>
        <Button
          variant={active ? 'light' : 'default'}
          size="sm"
          leftSection={<IconFilter size={16} />}
          rightSection={
            active ? (
              <Badge size="xs" circle>
                {active}
              </Badge>
            ) : null
          }
          data-testid="graph-filters"
        >
          Filters
        </Button>
      </Popover.Target>
      <Popover.Dropdown>
        <Stack gap="sm">
          <Select
            label="Department"
            placeholder="Any department"
            clearable
            searchable
            data={options.departments}
            value={filters.department ?? null}
            onChange={pick('department')}
            comboboxProps={{ withinPortal: false }}
          />
          <Select
            label="Site"
            placeholder="Any site"
            clearable
            searchable
            data={options.locations}
            value={filters.location ?? null}
            onChange={pick('location')}
            comboboxProps={{ withinPortal: false }}
          />
          <Select
            label="Community"
            placeholder={options.communities.length ? 'Any community' : 'None in your graph'}
            clearable
            searchable
            disabled={options.communities.length === 0}
            data={options.communities}
            value={filters.communityId ?? null}
            onChange={pick('communityId')}
            comboboxProps={{ withinPortal: false }}
          />
          <Select
            label="Kind of connection"
            placeholder="Any kind"
            clearable
            data={options.kinds.map((kind) => ({ value: kind, label: CONNECTION_KIND_LABELS[kind] }))}
            value={filters.kind ?? null}
            onChange={(value) => (value ? set({ kind: value as ConnectionKind }) : clear('kind'))}
            comboboxProps={{ withinPortal: false }}
          />
          <Select
            label="Minimum strength"
            placeholder="Any strength"
            clearable
            data={[2, 3, 4, 5].map((n) => ({ value: String(n), label: `${STRENGTH_LABELS[n]} or closer` }))}
            value={filters.minStrength ? String(filters.minStrength) : null}
            onChange={(value) => (value ? set({ minStrength: Number(value) }) : clear('minStrength'))}
            comboboxProps={{ withinPortal: false }}
          />
          <Group justify="space-between">
            <Text size="xs" c="dimmed">
              You always stay in the graph.
            </Text>
            <Button
              size="compact-sm"
              variant="subtle"
              disabled={!active}
              onClick={() => changeGraphControls({ type: 'clearFilters' })}
            >
              Clear all
            </Button>
          </Group>
        </Stack>
      </Popover.Dropdown>
    </Popover>
  );
}
