import { Button, Group, Stack, Text } from '@mantine/core';
import { useSignOut } from '../hooks/use-session.ts';

/**
 * "Sign out?" and its two buttons: the one way out, from the account menu and from Settings. The core
 * refuses while writes have not reached the server; its reason shows here.
 */
export function SignOutConfirm({ onCancel }: { onCancel: () => void }) {
  const signOut = useSignOut();
  return (
    <Stack gap="xs" data-testid="sign-out-confirm">
      <Text size="sm">
        Sign out? The copy of the directory on this computer is removed; it syncs again when you sign in.
      </Text>
      {signOut.error ? (
        <Text size="sm" c="red" role="alert">
          {signOut.error.message}
        </Text>
      ) : null}
      <Group justify="flex-end" gap="xs">
        <Button size="xs" variant="default" onClick={onCancel}>
          Cancel
        </Button>
        <Button size="xs" color="red" loading={signOut.isPending} onClick={() => signOut.mutate()}>
          Sign out
        </Button>
      </Group>
    </Stack>
  );
}
