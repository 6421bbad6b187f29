import { Button, Group, Loader, PasswordInput, Progress, Stack, Text } from '@mantine/core';
import { PASSPHRASE_MIN } from '#shared/domain/note';
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

/** What is wrong with a new passphrase and its confirmation, once there is something to say. */
export function newPassphraseErrors(passphrase: string, confirm: string, submitted: boolean, noun: string) {
  const tooShort = passphrase.length < PASSPHRASE_MIN;
  const mismatch = confirm !== passphrase;
  return {
    tooShort,
    mismatch,
    passphrase: submitted && tooShort ? `A passphrase needs at least ${PASSPHRASE_MIN} characters` : null,
    confirm:
      (submitted || confirm.length >= passphrase.length) && confirm && mismatch
        ? `The two ${noun}s differ`
        : submitted && !confirm
          ? `Type the ${noun} again`
          : null,
  };
}

interface NewPassphraseProps {
  /** "Passphrase" or "New passphrase"; the confirmation adds "again". */
  label: string;
  value: string;
  confirm: string;
  onChange: (value: string) => void;
  onConfirm: (value: string) => void;
  error: string | null;
  confirmError: string | null;
  disabled: boolean;
  autoFocus?: boolean;
}

/** A new passphrase with its strength, then the same again. */
export function NewPassphraseFields(props: NewPassphraseProps) {
  const { label, value, confirm, onChange, onConfirm, error, confirmError, disabled, autoFocus } = props;
  return (
    <>
      <Stack gap={6}>
        <PasswordInput
          label={label}
          description={`At least ${PASSPHRASE_MIN} characters`}
          autoComplete="new-password"
          data-autofocus={autoFocus || undefined}
          value={value}
          onChange={(event) => onChange(event.currentTarget.value)}
          error={error}
          disabled={disabled}
        />
        <StrengthHint passphrase={value} />
      </Stack>
      <PasswordInput
        label={`${label} again`}
        autoComplete="new-password"
        value={confirm}
        onChange={(event) => onConfirm(event.currentTarget.value)}
        error={confirmError}
        disabled={disabled}
      />
    </>
  );
}

interface FooterProps {
  pending: boolean;
  /** What the wait is for, while the key is derived. */
  derivingLabel: string;
  onCancel: () => void;
  submitLabel: string;
  submitTestId: string;
  submitDisabled?: boolean;
}

/** The wait on the left; Cancel and the submit button on the right. */
export function PassphraseFormFooter(props: FooterProps) {
  const { pending, derivingLabel, onCancel, submitLabel, submitTestId, submitDisabled } = props;
  return (
    <Group justify="space-between">
      {pending ? <Deriving label={derivingLabel} /> : <span />}
      <Group gap="xs">
        <Button variant="default" onClick={onCancel} disabled={pending}>
          Cancel
        </Button>
        <Button type="submit" loading={pending} disabled={submitDisabled} data-testid={submitTestId}>
          {submitLabel}
        </Button>
      </Group>
    </Group>
  );
}
