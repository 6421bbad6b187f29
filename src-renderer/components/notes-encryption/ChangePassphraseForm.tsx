import { Alert, Button, Group, PasswordInput, Stack, Text } from '@mantine/core';
import { useState, type ChangeEvent, type FormEvent } from 'react';
import { PASSPHRASE_MIN } from '#shared/domain/note';
import { useChangePassphrase } from '../../hooks/use-notes-encryption.ts';
import { Deriving, StrengthHint } from './PassphraseForms.tsx';

/**
 * This device is ready: the current passphrase (checked against the server's key), a new one twice. The
 * notes key stays the same, so the other devices carry on; a new computer then needs the new passphrase.
 */
export function ChangePassphraseForm({ onDone, onCancel }: { onDone: () => void; onCancel: () => void }) {
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [confirm, setConfirm] = useState('');
  const [submitted, setSubmitted] = useState(false);
  const change = useChangePassphrase();
  const error = change.error;
  // A wrong current passphrase is the one refusal of the input the server can tell: show it on that field.
  const wrongCurrent = error?.name === 'invalid_input' ? error.message : null;

  const tooShort = next.length < PASSPHRASE_MIN;
  const same = next !== '' && next === current;
  const mismatch = confirm !== next;
  const currentError = submitted && !current ? 'Type your current passphrase' : wrongCurrent;
  const nextError = same
    ? 'The new passphrase is the same as the current one'
    : submitted && tooShort
      ? `A passphrase needs at least ${PASSPHRASE_MIN} characters`
      : null;
  const confirmError =
    (submitted || confirm.length >= next.length) && confirm && mismatch
      ? 'The two new passphrases differ'
      : submitted && !confirm
        ? 'Type the new passphrase again'
        : null;

  const edit = (set: (value: string) => void) => (event: ChangeEvent<HTMLInputElement>) => {
    set(event.currentTarget.value);
    if (change.error) change.reset();
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setSubmitted(true);
    if (!current || tooShort || same || mismatch || change.isPending) return;
    change.mutate({ current, next }, { onSuccess: onDone });
  };

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md" data-testid="change-passphrase">
        <Text size="sm">
          Your notes stay as they are, and your other computers keep syncing them without asking. On a new
          computer, enter the new passphrase.
        </Text>
        <PasswordInput
          label="Current passphrase"
          autoComplete="current-password"
          data-autofocus
          value={current}
          onChange={edit(setCurrent)}
          error={currentError}
          disabled={change.isPending}
        />
        <Stack gap={6}>
          <PasswordInput
            label="New passphrase"
            description={`At least ${PASSPHRASE_MIN} characters`}
            autoComplete="new-password"
            value={next}
            onChange={edit(setNext)}
            error={nextError}
            disabled={change.isPending}
          />
          <StrengthHint passphrase={next} />
        </Stack>
        <PasswordInput
          label="New passphrase again"
          autoComplete="new-password"
          value={confirm}
          onChange={edit(setConfirm)}
          error={confirmError}
          disabled={change.isPending}
        />
        {error && !wrongCurrent ? (
          <Alert variant="light" color="red" title="Passphrase not changed" data-testid="encryption-error">
            {error.message}
          </Alert>
        ) : null}
        <Group justify="space-between">
          {change.isPending ? (
            <Deriving label="Checking your passphrase and re-wrapping the key…" />
          ) : (
            <span />
          )}
          <Group gap="xs">
            <Button variant="default" onClick={onCancel} disabled={change.isPending}>
              Cancel
            </Button>
            <Button type="submit" loading={change.isPending} data-testid="change-passphrase-submit">
              Change passphrase
            </Button>
          </Group>
        </Group>
      </Stack>
    </form>
  );
}
