import { Alert, PasswordInput, Stack, Text } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import { useSetUpEncryption, useUnlockNotes } from '../../hooks/use-notes-encryption.ts';
import { newPassphraseErrors, NewPassphraseFields, PassphraseFormFooter } from './PassphraseParts.tsx';
import { ActionError } from '../FormActions.tsx';

/** First device: choose a passphrase (twice), understand that nobody can recover it, and set it up. */
export function SetUpForm({ onDone, onCancel }: { onDone: () => void; onCancel: () => void }) {
  const [passphrase, setPassphrase] = useState('');
  const [confirm, setConfirm] = useState('');
  const [submitted, setSubmitted] = useState(false);
  const setUp = useSetUpEncryption();

  const errors = newPassphraseErrors(passphrase, confirm, submitted, 'passphrase');

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setSubmitted(true);
    if (errors.tooShort || errors.mismatch || setUp.isPending) return;
    setUp.mutate(passphrase, { onSuccess: onDone });
  };

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md" data-testid="encryption-setup">
        <Text size="sm">
          Your notes are encrypted on this computer before they leave it; only this passphrase opens them. On
          your other computers, enter the same passphrase to read them there.
        </Text>
        <NewPassphraseFields
          label="Passphrase"
          value={passphrase}
          confirm={confirm}
          onChange={setPassphrase}
          onConfirm={setConfirm}
          error={errors.passphrase}
          confirmError={errors.confirm}
          disabled={setUp.isPending}
          autoFocus
        />
        <Alert
          variant="light"
          color="orange"
          icon={<IconAlertTriangle />}
          title="Nobody can recover a forgotten passphrase"
          data-testid="passphrase-warning"
        >
          Not your IT team, not Kith: the server only ever holds encrypted notes. Without the passphrase, a
          new computer cannot read them. Keep it in your password manager.
        </Alert>
        <ActionError title="Not set up" error={setUp.error} testId="encryption-error" />
        <PassphraseFormFooter
          pending={setUp.isPending}
          derivingLabel="Deriving the key from your passphrase…"
          onCancel={onCancel}
          submitLabel="Encrypt and sync my notes"
          submitTestId="encryption-setup-submit"
        />
      </Stack>
    </form>
  );
}

/** Another device: the passphrase set up elsewhere unlocks the synced notes. A wrong one changes nothing. */
export function UnlockForm({
  lockedNotes,
  onDone,
  onCancel,
}: {
  lockedNotes: number;
  onDone: () => void;
  onCancel: () => void;
}) {
  const [passphrase, setPassphrase] = useState('');
  const unlock = useUnlockNotes();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!passphrase || unlock.isPending) return;
    unlock.mutate(passphrase, { onSuccess: onDone });
  };

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md" data-testid="encryption-unlock">
        <Text size="sm">
          {lockedNotes > 0
            ? `${lockedNotes === 1 ? 'One note' : `${lockedNotes} notes`} from your other devices ${lockedNotes === 1 ? 'is' : 'are'} end-to-end encrypted.`
            : 'You set up a passphrase on another device.'}{' '}
          Enter the passphrase you chose there to read and sync your notes on this computer.
        </Text>
        <PasswordInput
          label="Passphrase"
          autoComplete="current-password"
          data-autofocus
          value={passphrase}
          onChange={(event) => {
            setPassphrase(event.currentTarget.value);
            if (unlock.error) unlock.reset();
          }}
          error={unlock.error?.message ?? null}
          disabled={unlock.isPending}
          data-testid="unlock-passphrase"
        />
        <PassphraseFormFooter
          pending={unlock.isPending}
          derivingLabel="Checking the passphrase…"
          onCancel={onCancel}
          submitLabel="Unlock"
          submitTestId="encryption-unlock-submit"
          submitDisabled={!passphrase}
        />
      </Stack>
    </form>
  );
}
