import { PasswordInput, Stack, Text } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useChangePassphrase } from '../../hooks/use-notes-encryption.ts';
import { newPassphraseErrors, NewPassphraseFields, PassphraseFormFooter } from './PassphraseParts.tsx';
import { ActionError } from '../FormActions.tsx';

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

  const errors = newPassphraseErrors(next, confirm, submitted, 'new passphrase');
  const same = next !== '' && next === current;
  const currentError = submitted && !current ? 'Type your current passphrase' : wrongCurrent;
  const nextError = same ? 'The new passphrase is the same as the current one' : errors.passphrase;

  const edit = (set: (value: string) => void) => (value: string) => {
    set(value);
    if (change.error) change.reset();
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setSubmitted(true);
    if (!current || errors.tooShort || same || errors.mismatch || change.isPending) return;
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
          onChange={(event) => edit(setCurrent)(event.currentTarget.value)}
          error={currentError}
          disabled={change.isPending}
        />
        <NewPassphraseFields
          label="New passphrase"
          value={next}
          confirm={confirm}
          onChange={edit(setNext)}
          onConfirm={edit(setConfirm)}
          error={nextError}
          confirmError={errors.confirm}
          disabled={change.isPending}
        />
        <ActionError
          title="Passphrase not changed"
          error={wrongCurrent ? null : error}
          testId="encryption-error"
        />
        <PassphraseFormFooter
          pending={change.isPending}
          derivingLabel="Checking your passphrase and re-wrapping the key…"
          onCancel={onCancel}
          submitLabel="Change passphrase"
          submitTestId="change-passphrase-submit"
        />
      </Stack>
    </form>
  );
}
