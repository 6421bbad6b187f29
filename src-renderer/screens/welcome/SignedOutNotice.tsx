import { Alert, Button, Group, Stack, Text } from '@mantine/core';
import { IconInfoCircle, IconLogout } from '@tabler/icons-react';
import type { Session } from '#shared/domain/session';
import { ActionError } from '../../components/FormActions.tsx';
import { useOpenProviderSignOut } from '../../hooks/use-session.ts';

type SignedOut = Extract<Session, { state: 'signed_out' }>;

/**
 * Above the welcome screen after a session ended: why, when the server ended it (the user's changes wait on
 * this computer for their return); and after signing out, the identity provider's own sign-out, if it has one.
 */
export function SignedOutNotice({ session }: { session: SignedOut }) {
  return (
    <>
      {session.reason ? (
        <Alert
          variant="light"
          color="yellow"
          icon={<IconInfoCircle />}
          title="Your session ended"
          role="alert"
          data-testid="signed-out-reason"
        >
          <Stack gap={4}>
            <Text size="sm">{session.reason}</Text>
            <Text size="sm" c="dimmed">
              Anything you changed on this computer is kept, and is sent when you sign in again.
            </Text>
          </Stack>
        </Alert>
      ) : null}
      {session.providerSignOut ? (
        <ProviderSignOut providerName={session.providerSignOut.providerName} />
      ) : null}
    </>
  );
}

function ProviderSignOut({ providerName }: { providerName: string }) {
  const open = useOpenProviderSignOut();
  return (
    <Alert
      variant="light"
      color="gray"
      icon={<IconLogout />}
      title="You are signed out of Kith"
      data-testid="provider-sign-out"
    >
      <Group justify="space-between" gap="sm">
        <Text size="sm">
          Your browser may still be signed in to {providerName}. On a shared computer, sign out there too.
        </Text>
        <Button
          size="xs"
          variant="default"
          loading={open.isPending}
          onClick={() => open.mutate(undefined)}
          data-testid="provider-sign-out-button"
        >
          Also sign out of {providerName}
        </Button>
      </Group>
      <ActionError title={`Could not open ${providerName}`} error={open.error} />
    </Alert>
  );
}
