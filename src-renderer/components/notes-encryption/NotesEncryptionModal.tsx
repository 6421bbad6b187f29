import { Alert, Button, Group, Loader, Modal, Stack, Text } from '@mantine/core';
import { IconLockCheck } from '@tabler/icons-react';
import { useState } from 'react';
import type { NotesEncryption } from '#shared/domain/note';
import { useNotesEncryption } from '../../hooks/use-notes-encryption.ts';
import { formatCount } from '../../lib/format.ts';
import { QueryBoundary } from '../QueryBoundary.tsx';
import { ChangePassphraseForm } from './ChangePassphraseForm.tsx';
import { SetUpForm, UnlockForm } from './PassphraseForms.tsx';

const TITLES: Record<NotesEncryption['state'], string> = {
  device_only: 'Sync your notes, end-to-end encrypted',
  locked: 'Unlock your notes',
  ready: 'Notes encryption',
};

/**
 * Whatever this device needs next for notes encryption: a passphrase to set up (first device), the
 * passphrase to unlock (another device), or where things stand (ready).
 */
export function NotesEncryptionModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const encryption = useNotesEncryption();
  // What just succeeded in this modal: it then says so instead of jumping to the "ready" summary.
  const [done, setDone] = useState<Done | null>(null);
  const [changing, setChanging] = useState(false);

  const body = (data: NotesEncryption) => {
    if (done) return <Done what={done} encryption={data} onClose={onClose} />;
    if (data.state === 'device_only') {
      return <SetUpForm onDone={() => setDone('set_up')} onCancel={onClose} />;
    }
    if (data.state === 'locked') {
      return (
        <UnlockForm lockedNotes={data.lockedNotes} onDone={() => setDone('unlocked')} onCancel={onClose} />
      );
    }
    if (changing) {
      return (
        <ChangePassphraseForm
          onDone={() => {
            setChanging(false);
            setDone('changed');
          }}
          onCancel={() => setChanging(false)}
        />
      );
    }
    return <Ready encryption={data} onChangePassphrase={() => setChanging(true)} onClose={onClose} />;
  };

  const title = done
    ? 'Notes encryption'
    : changing && encryption.data?.state === 'ready'
      ? 'Change your notes passphrase'
      : TITLES[encryption.data?.state ?? 'ready'];
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      // Reset once the modal has faded out, so the success message does not flip to the summary on the way.
      onExitTransitionEnd={() => {
        setDone(null);
        setChanging(false);
      }}
      title={title}
      size="md"
      data-testid="encryption-modal"
    >
      <QueryBoundary
        query={encryption}
        errorTitle="Could not read the encryption status"
        loading={<Loader size="sm" />}
      >
        {body}
      </QueryBoundary>
    </Modal>
  );
}

type Done = 'set_up' | 'unlocked' | 'changed';

const DONE_MESSAGES: Record<Done, string> = {
  set_up:
    'Your notes are now end-to-end encrypted and sync to the server. On your other computers, enter the same passphrase to read them.',
  unlocked: 'Unlocked. Your notes from your other devices are here, and new ones sync end-to-end encrypted.',
  changed:
    'Passphrase changed. Your other computers keep syncing as they are; on a new computer, enter the new passphrase.',
};

function Done({
  what,
  encryption,
  onClose,
}: {
  what: Done;
  encryption: NotesEncryption;
  onClose: () => void;
}) {
  return (
    <Stack gap="md" data-testid="encryption-done">
      <Alert variant="light" color="green" icon={<IconLockCheck />}>
        {DONE_MESSAGES[what]}
      </Alert>
      {encryption.unreadableNotes > 0 ? <UnreadableNotice count={encryption.unreadableNotes} /> : null}
      <Group justify="flex-end">
        <Button onClick={onClose} data-autofocus>
          Done
        </Button>
      </Group>
    </Stack>
  );
}

function Ready({
  encryption,
  onChangePassphrase,
  onClose,
}: {
  encryption: NotesEncryption;
  onChangePassphrase: () => void;
  onClose: () => void;
}) {
  return (
    <Stack gap="md" data-testid="encryption-ready">
      <Group gap="xs" wrap="nowrap" align="flex-start">
        <IconLockCheck size={20} color="var(--mantine-color-green-7)" style={{ flexShrink: 0 }} />
        <Text size="sm">
          Your notes sync end-to-end encrypted: they are encrypted on this computer, and only your passphrase
          opens them. Nobody else can read them, the server included.
        </Text>
      </Group>
      {encryption.unsyncedNotes > 0 ? (
        <Text size="sm" c="dimmed">
          {formatCount(encryption.unsyncedNotes, 'note')} on this computer waiting to reach the server.
        </Text>
      ) : null}
      {encryption.unreadableNotes > 0 ? <UnreadableNotice count={encryption.unreadableNotes} /> : null}
      <Group justify="space-between">
        <Button variant="subtle" onClick={onChangePassphrase} data-testid="change-passphrase-open">
          Change passphrase…
        </Button>
        <Button variant="default" onClick={onClose}>
          Close
        </Button>
      </Group>
    </Stack>
  );
}

/** Ciphertext that failed authentication: say what it means and that nothing was thrown away. */
export function UnreadableNotice({ count }: { count: number }) {
  return (
    <Alert
      variant="light"
      color="red"
      title="Some notes could not be decrypted"
      data-testid="notes-unreadable"
    >
      {count === 1 ? 'One note was' : `${count} notes were`} altered after leaving your device (on the way or
      on the server), so Kith does not show {count === 1 ? 'it' : 'them'}. Nothing was deleted: they are kept
      as they came.
    </Alert>
  );
}
