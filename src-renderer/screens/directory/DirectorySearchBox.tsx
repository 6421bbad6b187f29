import { CloseButton, Kbd, Loader, TextInput } from '@mantine/core';
import { useOs } from '@mantine/hooks';
import { IconSearch } from '@tabler/icons-react';
import { useEffect, useRef, type KeyboardEvent } from 'react';
import { useSearchFocusRequests } from '../../lib/directory-filters.ts';

interface Props {
  value: string;
  onChange: (text: string) => void;
  onKeyDown: (event: KeyboardEvent) => void;
  busy: boolean;
}

export function DirectorySearchBox({ value, onChange, onKeyDown, busy }: Props) {
  const input = useRef<HTMLInputElement>(null);
  const focusRequests = useSearchFocusRequests();
  const os = useOs();

  useEffect(() => {
    input.current?.focus();
    input.current?.select();
  }, [focusRequests]);

  const right = value ? (
    <CloseButton size="sm" aria-label="Clear search" onClick={() => onChange('')} />
  ) : (
    <Kbd size="xs">{os === 'macos' ? '⌘ K' : 'Ctrl K'}</Kbd>
  );

  return (
    <TextInput
      ref={input}
      size="md"
      placeholder="Search people by name, title, skill, department or site"
      aria-label="Search people"
      role="combobox"
      aria-expanded
      aria-controls="directory-results"
      id="directory-search"
      leftSection={busy ? <Loader size={16} /> : <IconSearch size={18} />}
      rightSection={right}
      rightSectionWidth={value ? 36 : 64}
      value={value}
      onChange={(event) => onChange(event.currentTarget.value)}
      onKeyDown={(event) => {
        if (event.key === 'Escape' && value) {
          event.preventDefault();
          onChange('');
          return;
        }
        onKeyDown(event);
      }}
      autoFocus
      spellCheck={false}
      autoComplete="off"
      data-testid="directory-search"
    />
  );
}
