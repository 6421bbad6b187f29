import { Button, Code, Group, Paper, Stack, Text } from '@mantine/core';
import { IconLock, IconLogout, IconRefresh, IconServer2, IconUserCircle } from '@tabler/icons-react';
import { useState } from 'react';
import { NotesEncryptionModal } from '../../components/notes-encryption/NotesEncryptionModal.tsx';
import { PersonAvatar } from '../../components/PersonAvatar.tsx';
import { SignOutConfirm } from '../../components/SignOutConfirm.tsx';
import { SyncStatusIndicator } from '../../components/SyncStatusIndicator.tsx';
import { useSession } from '../../hooks/use-session.ts';
import { describeSignIn } from '../../lib/session-labels.ts';
import { useSyncNow, useSyncStatus } from '../../hooks/use-sync-status.ts';
import { SettingRow, SettingsSection } from './SettingsSection.tsx';

/** The server this account syncs with, how fresh the local copy is, and a way to sync now. */
export function ServerSection() {
  const session = useSession();
  const status = useSyncStatus();
  const syncNow = useSyncNow({ inline: true });
  if (session.data?.state !== 'signed_in') return null;
  const { demo, serverUrl } = session.data;
  const syncing = status.data?.state === 'syncing';

  return (
    <SettingsSection
      title="Server"
      description="Kith keeps a copy of your organization on this computer and syncs it with this server."
      icon={<IconServer2 size={18} />}
      testId="settings-server"
    >
      <SettingRow
        title={demo ? 'Demo organization' : 'Server address'}
        description={
          demo
            ? 'A server running on this computer with a generated organization, for trying Kith out. Nothing you do here reaches your company.'
            : 'Your company’s Kith server.'
        }
        control={
          <Code fz="sm" data-testid="settings-server-url" data-selectable>
            {serverUrl}
          </Code>
        }
      />
      <SettingRow
        title="Sync"
        description={<SyncStatusIndicator withAction={false} testId="settings-sync-status" />}
        error={syncNow.error?.message}
        control={
          <Button
            variant="default"
            leftSection={<IconRefresh size={16} />}
            loading={syncNow.isPending}
            disabled={syncing}
            onClick={() => syncNow.mutate()}
            data-testid="settings-sync-now"
          >
            Sync now
          </Button>
        }
      />
    </SettingsSection>
  );
}

/** Who is signed in, their notes' encryption, and the way out (the same confirmation as the account menu). */
export function AccountSection() {
  const session = useSession();
  const [confirming, setConfirming] = useState(false);
  const [encryptionOpen, setEncryptionOpen] = useState(false);
  if (session.data?.state !== 'signed_in') return null;
  const { me, demo, serverUrl, providerName } = session.data;
  const name = me?.name ?? 'You';

  return (
    <SettingsSection title="Account" icon={<IconUserCircle size={18} />} testId="settings-account">
      <SettingRow
        testId="settings-signed-in"
        title={
          <Group gap="sm" wrap="nowrap" component="span">
            <PersonAvatar id={me?.id ?? 'me'} name={name} size={36} />
            <Stack gap={0} component="span">
              <Text component="span" size="sm" fw={600} data-testid="settings-account-name">
                {name}
              </Text>
              <Text component="span" size="xs" c="dimmed" data-testid="settings-account-title">
                {[me?.title, me?.department].filter(Boolean).join(' · ') || 'Signed in'}
              </Text>
              <Text component="span" size="xs" c="dimmed" data-testid="settings-account-provider">
                {describeSignIn({ demo, providerName })} · {new URL(serverUrl).host}
              </Text>
            </Stack>
          </Group>
        }
        control={
          confirming ? null : (
            <Button
              variant="light"
              color="red"
              leftSection={<IconLogout size={16} />}
              onClick={() => setConfirming(true)}
            >
              Sign out…
            </Button>
          )
        }
      >
        {confirming ? (
          <Paper withBorder radius="md" p="sm" mt="sm" maw={460} ml="auto">
            <SignOutConfirm onCancel={() => setConfirming(false)} />
          </Paper>
        ) : null}
      </SettingRow>
      <SettingRow
        title="Notes encryption"
        description="Notes sync end-to-end encrypted with a passphrase only you know."
        control={
          <Button
            variant="default"
            leftSection={<IconLock size={16} />}
            onClick={() => setEncryptionOpen(true)}
          >
            Manage…
          </Button>
        }
      />
      <NotesEncryptionModal opened={encryptionOpen} onClose={() => setEncryptionOpen(false)} />
    </SettingsSection>
  );
}
