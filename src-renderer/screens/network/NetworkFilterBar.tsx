import { Group, Select } from '@mantine/core';
import { CONNECTION_KINDS } from '#shared/domain/connection';
import type { NetworkQuery } from '#shared/domain/network';
import { useFacets } from '../../hooks/use-directory.ts';
import { CONNECTION_KIND_LABELS, STRENGTH_LABELS } from '../../lib/connection-labels.ts';

const SORTS = [
  { value: 'name:asc', label: 'Name' },
  { value: 'strength:desc', label: 'Strongest first' },
  { value: 'strength:asc', label: 'Weakest first' },
  { value: 'lastInteraction:desc', label: 'Talked to recently' },
  { value: 'lastInteraction:asc', label: 'Not talked to for longest' },
  { value: 'keepInTouch:asc', label: 'Keep in touch: due first' },
] as const;

/** Sort and filters of "My network"; every change is a new query to the core. */
export function NetworkFilterBar({
  query,
  onChange,
}: {
  query: NetworkQuery;
  onChange: (q: NetworkQuery) => void;
}) {
  const facets = useFacets();
  const set = (patch: Partial<NetworkQuery>) => onChange({ ...query, ...patch });
  return (
    <Group gap="sm" grow wrap="nowrap">
      <Select
        aria-label="Sort"
        data={SORTS.map((s) => ({ ...s }))}
        value={`${query.sort ?? 'name'}:${query.direction ?? 'asc'}`}
        allowDeselect={false}
        onChange={(value) => {
          const [sort, direction] = (value ?? 'name:asc').split(':') as [
            NetworkQuery['sort'],
            NetworkQuery['direction'],
          ];
          set({ sort, direction });
        }}
      />
      <Select
        aria-label="Kind"
        placeholder="Any kind"
        clearable
        data={CONNECTION_KINDS.map((kind) => ({ value: kind, label: CONNECTION_KIND_LABELS[kind] }))}
        value={query.kind ?? null}
        onChange={(value) => set({ kind: (value ?? undefined) as NetworkQuery['kind'] })}
      />
      <Select
        aria-label="Minimum strength"
        placeholder="Any strength"
        clearable
        data={[2, 3, 4, 5].map((n) => ({ value: String(n), label: `${STRENGTH_LABELS[n]} or closer` }))}
        value={query.minStrength ? String(query.minStrength) : null}
        onChange={(value) => set({ minStrength: value ? Number(value) : undefined })}
      />
      <Select
        aria-label="Department"
        placeholder="Any department"
        clearable
        searchable
        data={facets.data?.departments.map((d) => d.value) ?? []}
        value={query.department ?? null}
        onChange={(value) => set({ department: value ?? undefined })}
      />
      <Select
        aria-label="Site"
        placeholder="Any site"
        clearable
        searchable
        data={facets.data?.locations.map((d) => d.value) ?? []}
        value={query.location ?? null}
        onChange={(value) => set({ location: value ?? undefined })}
      />
    </Group>
  );
}
