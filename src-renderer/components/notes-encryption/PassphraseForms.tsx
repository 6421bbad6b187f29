import { Alert, Button, Group, Loader, PasswordInput, Progress, Stack, Text } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import { PASSPHRASE_MIN } from '#shared/domain/note';
import { useSetUpEncryption, useUnlockNotes } from '../../hooks/use-notes-encryption.ts';
import { passphraseStrength } from '../../lib/passphrase-strength.ts';

const STRENGTH_COLORS = ['red', 'red', 'yellow', 'teal', 'green'] as const;

/** The key is derived with scrypt (about half a second): say what the wait is for. */
export function Deriving({ label }: { label: string }) {
  return (
    <Group gap="xs" data-testid="passphrase-deriving">
      <Loader size="xs" />
      <Text size="xs" c="dimmed">
        {label}
      </Text>
    </Group>
  );
}

/** How hard a new passphrase is to guess, and what would make it stronger; nothing until one is typed. */
export function StrengthHint({ passphrase }: { passphrase: string }) {
  if (!passphrase) return null;
  const strength = passphraseStrength(passphrase);
  return (
    <Stack gap={4} data-testid="passphrase-strength">
      <Progress
        size="sm"
        value={Math.max(strength.score, 0.5) * 25}
        color={STRENGTH_COLORS[strength.score]}
        aria-label="Passphrase strength"
      />
      <Text size="xs" c="dimmed">
        <Text span inherit fw={600} c={STRENGTH_COLORS[strength.score]}>
          {strength.label}.
        </Text>{' '}
        {strength.hint}
      </Text>
    </Stack>
  );
}

/** First device: choose a passphrase (twice), understand that nobody can recover it, and set it up. */
export function SetUpForm({ onDone, onCancel }: { onDone: () => void; onCancel: () => void }) {
  const [passphrase, setPassphrase] = useState('');
  const [confirm, setConfirm] = useState('');
  const [submitted, setSubmitted] = useState(false);
  const setUp = useSetUpEncryption();

  const tooShort = passphrase.length < PASSPHRASE_MIN;
  const mismatch = confirm !== passphrase;
  const passphraseError =
    submitted && tooShort ? `A passphrase needs at least ${PASSPHRASE_MIN} characters` : null;
  const confirmError =
    (submitted || confirm.length >= passphrase.length) && confirm && mismatch
      ? 'The two passphrases differ'
      : submitted && !confirm
        ? 'Type the passphrase again'
        : null;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setSubmitted(true);
    if (tooShort || mismatch || setUp.isPending) return;
    setUp.mutate(passphrase, { onSuccess: onDone });
  };

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md" data-testid="encryption-setup">
        <Text size="sm">
          Your notes are encrypted on this computer before they leave it; only this passphrase opens them. On
          your other computers, enter the same passphrase to read them there.
        </Text>
        <Stack gap={6}>
          <PasswordInput
            label="Passphrase"
            description={`At least ${PASSPHRASE_MIN} characters`}
            autoComplete="new-password"
            data-autofocus
            value={passphrase}
            onChange={(event) => setPassphrase(event.currentTarget.value)}
            error={passphraseError}
            disabled={setUp.isPending}
          />
          <StrengthHint passphrase={passphrase} />
        </Stack>
        <PasswordInput
          label="Passphrase again"
          autoComplete="new-password"
          value={confirm}
          onChange={(event) => setConfirm(event.currentTarget.value)}
          error={confirmError}
          disabled={setUp.isPending}
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
        {setUp.error ? (
          <Alert variant="light" color="red" title="Not set up" data-testid="encryption-error">
            {setUp.error.message}
          </Alert>
        ) : null}
        <Group justify="space-between">
          {setUp.isPending ? <Deriving label="Deriving the key from your passphrase…" /> : <span />}
          <Group gap="xs">
            <Button variant="default" onClick={onCancel} disabled={setUp.isPending}>
              Cancel
            </Button>
            <Button type="submit" loading={setUp.isPending} data-testid="encryption-setup-submit">
              Encrypt and sync my notes
            </Button>
          </Group>
        </Group>
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
        <Group justify="space-between">
          {unlock.isPending ? <Deriving label="Checking the passphrase…" /> : <span />}
          <Group gap="xs">
            <Button variant="default" onClick={onCancel} disabled={unlock.isPending}>
              Cancel
            </Button>
            <Button
              type="submit"
              loading={unlock.isPending}
              disabled={!passphrase}
              data-testid="encryption-unlock-submit"
            >
              Unlock
            </Button>
          </Group>
        </Group>
      </Stack>
    </form>
  );
}
