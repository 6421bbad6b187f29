import { Button, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { IconPlugConnected } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import { ConnectInput } from '#shared/domain/session';
import { useConnectServer } from '../../hooks/use-session.ts';
import { ActionError } from '../../components/FormActions.tsx';

type FieldErrors = Partial<Record<'serverUrl' | 'token', string>>;

/** Validates with the contract's own schema before calling, then shows whatever the core answers. */
export function ConnectServerForm() {
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
      <Stack gap="md">
        <div>
          <Title order={2} fz="lg">
            Connect to your company&apos;s server
          </Title>
          <Text size="sm" c="dimmed">
            Your IT team gives you the server address and an access token.
          </Text>
        </div>
        <TextInput
          label="Server address"
          placeholder="https://kith.example.com"
          value={serverUrl}
          onChange={(e) => setServerUrl(e.currentTarget.value)}
          error={fieldErrors.serverUrl}
          autoComplete="url"
          spellCheck={false}
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
        <Button type="submit" loading={connect.isPending} leftSection={<IconPlugConnected size={18} />}>
          Connect
        </Button>
      </Stack>
    </form>
  );
}
