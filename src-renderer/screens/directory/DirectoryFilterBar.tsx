import { Group, Select, Text } from '@mantine/core';
import { IconBuilding, IconMapPin, IconTool } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import type { DirectoryFacets } from '#shared/domain/directory';
import { useFacets } from '../../hooks/use-directory.ts';
import { setDirectoryFilters, type DirectoryFilters } from '../../lib/directory-filters.ts';

type FacetValues = DirectoryFacets['departments'];

function toOptions(values: FacetValues | undefined) {
  return (values ?? []).map(({ value, count }) => ({ value, label: value, count }));
}

const countFormat = new Intl.NumberFormat('en-US');

export function DirectoryFilterBar({ filters }: { filters: DirectoryFilters }) {
  const facets = useFacets();
  const data = facets.data;
  const common = { disabled: facets.isError };
  return (
    <Group gap="sm" grow preventGrowOverflow={false} wrap="nowrap">
      <FacetSelect
        label="Department"
        icon={<IconBuilding size={16} />}
        values={data?.departments}
        value={filters.department}
        onChange={(department) => setDirectoryFilters({ department })}
        {...common}
      />
      <FacetSelect
        label="Site"
        icon={<IconMapPin size={16} />}
        values={data?.locations}
        value={filters.location}
        onChange={(location) => setDirectoryFilters({ location })}
        {...common}
      />
      <FacetSelect
        label="Skill"
        icon={<IconTool size={16} />}
        values={data?.skills}
        value={filters.skill}
        onChange={(skill) => setDirectoryFilters({ skill })}
        {...common}
      />
    </Group>
  );
}

interface FacetSelectProps {
  label: string;
  icon: ReactNode;
  values: FacetValues | undefined;
  value: string | null;
  onChange: (value: string | null) => void;
  disabled: boolean;
}

function FacetSelect({ label, icon, values, value, onChange, disabled }: FacetSelectProps) {
  const options = toOptions(values);
  const counts = new Map(options.map((o) => [o.value, o.count]));
  return (
    <Select
      aria-label={label}
      placeholder={`Any ${label.toLowerCase()}`}
      leftSection={icon}
      data={options}
      value={value}
      onChange={onChange}
      searchable
      clearable
      disabled={disabled}
      limit={200}
      maxDropdownHeight={320}
      nothingFoundMessage={`No ${label.toLowerCase()} matches`}
      comboboxProps={{ width: 'max-content', position: 'bottom-start' }}
      renderOption={({ option, checked }) => (
        <Group justify="space-between" wrap="nowrap" w="100%" gap="lg" miw={200}>
          <Text size="sm" fw={checked ? 600 : 400}>
            {option.label}
          </Text>
          <Text size="xs" c="dimmed">
            {countFormat.format(counts.get(option.value) ?? 0)}
          </Text>
        </Group>
      )}
      data-testid={`filter-${label.toLowerCase()}`}
    />
  );
}
