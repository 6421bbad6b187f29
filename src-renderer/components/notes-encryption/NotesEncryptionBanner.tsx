import { Alert, Button, Group, Stack, Text, Tooltip, UnstyledButton } from '@mantine/core';
import { IconDeviceLaptop, IconLock, IconLockCheck } from '@tabler/icons-react';
import { useState } from 'react';
import type { NotesEncryption } from '#shared/domain/note';
import { useNotesEncryption } from '../../hooks/use-notes-encryption.ts';
import { formatCount } from '../../lib/format.ts';
import { NotesEncryptionModal, UnreadableNotice } from './NotesEncryptionModal.tsx';

interface Props {
  /**
   * 'line': the quiet one-line states only, for a card's header (notes on this computer only, or encrypted);
   * 'alerts': only what needs attention (locked notes, notes that failed to decrypt), full width below it;
   * 'all' (the default): everything, the first step as an alert.
   */
  part?: 'all' | 'line' | 'alerts';
}

/**
 * Where notes encryption stands, and the one step it needs next: set up a passphrase (notes are on this
 * computer only), unlock (notes from other devices wait for the passphrase), or nothing (end-to-end
 * encrypted). Notes that failed to decrypt are always reported.
 */
export function NotesEncryptionBanner({ part = 'all' }: Props) {
  const encryption = useNotesEncryption();
  const [opened, setOpened] = useState(false);
  // The modal outlives the banner, in the same place in the tree: unlocking hides the "locked" alert that
  // opened it, not the success message.
  const modal = <NotesEncryptionModal opened={opened} onClose={() => setOpened(false)} />;
  const data = encryption.data;
  // An unreadable status is not worth a second error beside the notes: the modal reports it when opened.
  const showStatus = data && (part === 'all' || (part === 'line') === (data.state !== 'locked'));
  const showUnreadable = data && part !== 'line' && data.unreadableNotes > 0;

  return (
    <>
      {data && (showStatus || showUnreadable) ? (
        <Stack gap="xs" data-testid="notes-encryption" data-state={data.state}>
          {showStatus ? (
            <Status encryption={data} compact={part === 'line'} onOpen={() => setOpened(true)} />
          ) : null}
          {showUnreadable ? <UnreadableNotice count={data.unreadableNotes} /> : null}
        </Stack>
      ) : null}
      {modal}
    </>
  );
}

function Status({
  encryption,
  compact,
  onOpen,
}: {
  encryption: NotesEncryption;
  compact: boolean;
  onOpen: () => void;
}) {
  if (encryption.state === 'ready') {
    return (
      <Group gap={6} wrap="nowrap" data-testid="notes-encrypted">
        <Tooltip
          label="Your notes sync end-to-end encrypted: only your passphrase opens them"
          withArrow
          multiline
          w={260}
        >
          <UnstyledButton onClick={onOpen} aria-label="Notes encryption: end-to-end encrypted">
            <Group gap={6} wrap="nowrap">
              <IconLockCheck size={14} color="var(--mantine-color-green-8)" />
              <Text size="xs" c="green.8">
                End-to-end encrypted
              </Text>
            </Group>
          </UnstyledButton>
        </Tooltip>
        {encryption.unsyncedNotes > 0 ? (
          <Text size="xs" c="dimmed">
            · {formatCount(encryption.unsyncedNotes, 'note')} waiting to sync
          </Text>
        ) : null}
      </Group>
    );
  }

  if (encryption.state === 'locked') {
    const { lockedNotes } = encryption;
    const message =
      lockedNotes > 0
        ? `${lockedNotes === 1 ? 'One note' : `${formatCount(lockedNotes, 'note')}`} from your other devices ${lockedNotes === 1 ? 'is' : 'are'} locked. Enter your passphrase to read ${lockedNotes === 1 ? 'it' : 'them'} here.`
        : 'Your notes are end-to-end encrypted on your other devices. Enter your passphrase to sync them here.';
    return (
      <Alert variant="light" color="yellow" icon={<IconLock />}>
        <Group justify="space-between" gap="sm" wrap="nowrap">
          <Text size="sm" data-testid="notes-locked">
            {message}
          </Text>
          <Button size="xs" variant="filled" color="yellow.8" onClick={onOpen} style={{ flexShrink: 0 }}>
            Enter passphrase…
          </Button>
        </Group>
      </Alert>
    );
  }

  const text =
    'Notes stay on this computer only, unsynced. Set up a passphrase to sync them, end-to-end encrypted.';
  if (compact) {
    return (
      <Group gap={6} wrap="nowrap" align="center">
        <IconDeviceLaptop size={14} color="var(--mantine-color-dimmed)" style={{ flexShrink: 0 }} />
        <Text size="xs" c="dimmed" data-testid="notes-privacy">
          {text}{' '}
          <Button
            variant="transparent"
            size="compact-xs"
            px={0}
            onClick={onOpen}
            style={{ verticalAlign: 'baseline' }}
          >
            Set up a passphrase…
          </Button>
        </Text>
      </Group>
    );
  }
  return (
    <Alert variant="light" color="blue" icon={<IconDeviceLaptop />}>
      <Group justify="space-between" gap="sm" wrap="nowrap">
        <Text size="sm" data-testid="notes-privacy">
          {text}
        </Text>
        <Button size="xs" variant="light" onClick={onOpen} style={{ flexShrink: 0 }}>
          Set up a passphrase…
        </Button>
      </Group>
    </Alert>
  );
}
