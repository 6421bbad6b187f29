import { Autocomplete, Group, Loader, Stack, Text, type AutocompleteProps } from '@mantine/core';
import { IconSearch } from '@tabler/icons-react';
import { useMemo } from 'react';
import type { PersonSummary } from '#shared/domain/person';
import { PersonAvatar } from '../../components/PersonAvatar.tsx';
import { labelPeople } from '../../lib/person-labels.ts';

interface Props {
  people: readonly PersonSummary[];
  value: string;
  onChange: (text: string) => void;
  onPick: (person: PersonSummary) => void;
  /** The options are already matched (a directory search): show them all, unfiltered. */
  remote?: boolean;
  busy?: boolean;
  label?: string;
  placeholder: string;
  testId?: string;
  size?: AutocompleteProps['size'];
  w?: number | string;
}

/** An Autocomplete over people: each option with its avatar, title and department; picking one returns it. */
export function PersonPicker({
  people,
  value,
  onChange,
  onPick,
  remote,
  busy,
  label,
  placeholder,
  testId,
  size,
  w,
}: Props) {
  const labels = useMemo(() => labelPeople(people), [people]);
  const renderOption: AutocompleteProps['renderOption'] = ({ option }) => {
    const person = labels.get(option.value);
    if (!person) return option.value;
    return (
      <Group gap="sm" wrap="nowrap">
        <PersonAvatar id={person.id} name={person.name} size="sm" inactive={!person.active} />
        <Stack gap={0} style={{ minWidth: 0 }}>
          <Text size="sm" fw={500} truncate="end">
            {option.value}
          </Text>
          <Text size="xs" c="dimmed" truncate="end">
            {[person.title, person.department, person.location].filter(Boolean).join(' · ')}
          </Text>
        </Stack>
      </Group>
    );
  };
  return (
    <Autocomplete
      aria-label={label ?? placeholder}
      label={label}
      placeholder={placeholder}
      data={[...labels.keys()]}
      value={value}
      onChange={onChange}
      onOptionSubmit={(option) => {
        const person = labels.get(option);
        if (person) onPick(person);
      }}
      renderOption={renderOption}
      filter={remote ? ({ options }) => options : undefined}
      limit={remote ? undefined : 12}
      maxDropdownHeight={320}
      leftSection={busy ? <Loader size={14} /> : <IconSearch size={16} />}
      size={size}
      w={w}
      data-testid={testId}
      comboboxProps={{ shadow: 'md' }}
    />
  );
}
