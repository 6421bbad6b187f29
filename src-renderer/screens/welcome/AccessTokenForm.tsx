import { Button, Collapse, PasswordInput, Stack, Text, TextInput, UnstyledButton } from '@mantine/core';
import { IconChevronRight, IconKey } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import { ConnectInput } from '#shared/domain/session';
import { useConnectServer } from '../../hooks/use-session.ts';
import { ActionError } from '../../components/FormActions.tsx';

type FieldErrors = Partial<Record<'serverUrl' | 'token', string>>;

/**
 * Signing in with an access token an administrator issued: for administrators checking a server before its
 * identity provider is set up, and for tests. Folded away: employees sign in with their company account.
 */
export function AccessTokenForm() {
  const [open, setOpen] = useState(false);
  return (
    <Stack gap="xs">
      <UnstyledButton
        onClick={() => setOpen((o) => !o)}
        aria-expanded={open}
        aria-controls="access-token-form"
        data-testid="access-token-toggle"
      >
        <Text size="sm" c="dimmed" span style={{ display: 'inline-flex', alignItems: 'center', gap: 4 }}>
          <IconChevronRight
            size={14}
            style={{ transform: open ? 'rotate(90deg)' : undefined, transition: 'transform 150ms' }}
          />
          Sign in with an access token (administrators)
        </Text>
      </UnstyledButton>
      <Collapse expanded={open} id="access-token-form" data-testid="access-token-form">
        {open ? <TokenFields /> : null}
      </Collapse>
    </Stack>
  );
}

/** Validates with the contract's own schema before calling, then shows whatever the core answers. */
function TokenFields() {
  const [serverUrl, setServerUrl] = useState('');
  const [token, setToken] = useState('');
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const connect = useConnectServer();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const parsed = ConnectInput.safeParse({ serverUrl: serverUrl.trim(), token });
    if (!parsed.success) {
      const errors: FieldErrors = {};
      for (const issue of parsed.error.issues) {
        const field = issue.path[0];
        if ((field === 'serverUrl' || field === 'token') && !errors[field]) errors[field] = issue.message;
      }
      setFieldErrors(errors);
      return;
    }
    setFieldErrors({});
    connect.mutate(parsed.data);
  };

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm" maw={520}>
        <TextInput
          label="Server address"
          placeholder="https://kith.example.com"
          value={serverUrl}
          onChange={(e) => setServerUrl(e.currentTarget.value)}
          error={fieldErrors.serverUrl}
          autoComplete="url"
          spellCheck={false}
          autoFocus
          data-testid="connect-server-url"
        />
        <PasswordInput
          label="Access token"
          value={token}
          onChange={(e) => setToken(e.currentTarget.value)}
          error={fieldErrors.token}
          autoComplete="off"
          data-testid="connect-token"
        />
        <ActionError title="Could not connect" error={connect.error} testId="connect-error" />
        <Button
          type="submit"
          variant="default"
          loading={connect.isPending}
          leftSection={<IconKey size={18} />}
          style={{ alignSelf: 'flex-start' }}
        >
          Connect
        </Button>
      </Stack>
    </form>
  );
}
