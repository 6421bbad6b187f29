import { Alert, Button, Group } from '@mantine/core';
import type { ReactNode } from 'react';

interface Props {
  /** Leaves the form without saving; no Cancel button without it. */
  onCancel?: () => void;
  submitLabel: ReactNode;
  submitTestId: string;
  pending: boolean;
  disabled?: boolean;
  /** What the button does; without it, it submits its form. */
  onSubmit?: () => void;
  icon?: ReactNode;
}

/** A form's buttons, bottom right: Cancel, then the one that saves. */
export function FormActions({
  onCancel,
  submitLabel,
  submitTestId,
  pending,
  disabled,
  onSubmit,
  icon,
}: Props) {
  return (
    <Group justify="flex-end">
      {onCancel ? (
        <Button variant="default" onClick={onCancel}>
          Cancel
        </Button>
      ) : null}
      <Button
        type={onSubmit ? 'button' : 'submit'}
        leftSection={icon}
        loading={pending}
        disabled={disabled}
        onClick={onSubmit}
        data-testid={submitTestId}
      >
        {submitLabel}
      </Button>
    </Group>
  );
}

/** Why an action failed, beside what tried it ("Not saved"); nothing while it has not failed. */
export function ActionError({
  title,
  error,
  testId,
}: {
  title: string;
  error: Error | null;
  testId?: string;
}) {
  if (!error) return null;
  return (
    <Alert variant="light" color="red" title={title} data-testid={testId}>
      {error.message}
    </Alert>
  );
}
