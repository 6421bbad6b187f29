import { Group, Menu, Text, UnstyledButton } from '@mantine/core';
import { IconChevronUp, IconLock, IconLogout } from '@tabler/icons-react';
import { useState } from 'react';
import { useSession } from '../hooks/use-session.ts';
import { NotesEncryptionModal } from './notes-encryption/NotesEncryptionModal.tsx';
import { PersonAvatar } from './PersonAvatar.tsx';
import { SignOutConfirm } from './SignOutConfirm.tsx';

/** Who is signed in, to which server, and the way out. Signing out removes this computer's copy of the directory. */
export function AccountMenu() {
  const session = useSession();
  const [confirming, setConfirming] = useState(false);
  const [encryptionOpen, setEncryptionOpen] = useState(false);
  if (session.data?.state !== 'signed_in') return null;
  const { me, demo, serverUrl } = session.data;
  const name = me?.name ?? 'Signed in';

  return (
    <>
      <Menu position="top-start" width={240} onClose={() => setConfirming(false)} closeOnItemClick={false}>
        <Menu.Target>
          <UnstyledButton data-testid="account-menu" aria-label="Account" style={{ width: '100%' }}>
            <Group gap="xs" wrap="nowrap" px="xs" py={6}>
              <PersonAvatar id={me?.id ?? 'me'} name={name} size={28} />
              <div style={{ flex: 1, minWidth: 0 }}>
                <Text size="sm" fw={600} truncate>
                  {name}
                </Text>
                <Text size="xs" c="dimmed" truncate>
                  {demo ? 'Demo organization' : new URL(serverUrl).host}
                </Text>
              </div>
              <IconChevronUp size={14} />
            </Group>
          </UnstyledButton>
        </Menu.Target>
        <Menu.Dropdown>
          {confirming ? (
            <div style={{ padding: 'var(--mantine-spacing-xs)' }}>
              <SignOutConfirm onCancel={() => setConfirming(false)} />
            </div>
          ) : (
            <>
              <Menu.Item
                leftSection={<IconLock size={16} />}
                closeMenuOnClick
                onClick={() => setEncryptionOpen(true)}
              >
                Notes encryption…
              </Menu.Item>
              <Menu.Item leftSection={<IconLogout size={16} />} onClick={() => setConfirming(true)}>
                Sign out…
              </Menu.Item>
            </>
          )}
        </Menu.Dropdown>
      </Menu>
      <NotesEncryptionModal opened={encryptionOpen} onClose={() => setEncryptionOpen(false)} />
    </>
  );
}
