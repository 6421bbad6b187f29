import { AppShell, Box, Group, NavLink, Stack, Text, ThemeIcon } from '@mantine/core';
import { useHotkeys } from '@mantine/hooks';
import {
  IconAddressBook,
  IconAffiliate,
  IconCalendarDue,
  IconHome,
  IconNotes,
  IconSettings,
  IconUsers,
  IconUsersGroup,
} from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { Link, useLocation } from 'wouter';
import { requestSearchFocus } from '../lib/directory-filters.ts';
import { AccountMenu } from './AccountMenu.tsx';
import { RejectedWrites } from './RejectedWrites.tsx';
import { SyncStatusIndicator } from './SyncStatusIndicator.tsx';
import { UpdateBanner } from './UpdateBanner.tsx';

const screens = [
  { href: '/home', label: 'Home', icon: IconHome },
  { href: '/people', label: 'People', icon: IconUsers },
  { href: '/network', label: 'My network', icon: IconAffiliate },
  { href: '/communities', label: 'Communities', icon: IconUsersGroup },
  { href: '/notes', label: 'Notes', icon: IconNotes },
  { href: '/follow-ups', label: 'Follow-ups', icon: IconCalendarDue },
] as const;

/**
 * The window frame: the navigation rail on the left, Settings and the sync status at its foot, the screen on
 * the right under the update banner (when an update is ready).
 */
export function AppLayout({ children }: { children: ReactNode }) {
  const [location, navigate] = useLocation();

  // Ctrl/Cmd+K: jump to the directory's search box from anywhere, even while typing elsewhere.
  useHotkeys(
    [
      [
        'mod+K',
        () => {
          if (location !== '/people') navigate('/people');
          requestSearchFocus();
        },
      ],
    ],
    [],
  );

  return (
    <AppShell navbar={{ width: 232, breakpoint: 0 }} padding={0}>
      <AppShell.Navbar p="sm" aria-label="Main navigation">
        <AppShell.Section>
          <Group gap="xs" px="xs" pt={4} pb="md">
            <ThemeIcon size={30} radius="md" variant="gradient" gradient={{ from: 'indigo', to: 'cyan' }}>
              <IconAddressBook size={18} />
            </ThemeIcon>
            <Text fw={700} size="lg">
              Kith
            </Text>
          </Group>
        </AppShell.Section>
        <AppShell.Section grow component="nav">
          <Stack gap={2}>
            {screens.map(({ href, label, icon }) => (
              <RailLink key={href} href={href} label={label} icon={icon} location={location} />
            ))}
          </Stack>
        </AppShell.Section>
        <AppShell.Section>
          <Box pb="xs">
            <RailLink href="/settings" label="Settings" icon={IconSettings} location={location} />
          </Box>
          <Box pt="sm" px="xs" style={{ borderTop: '1px solid var(--mantine-color-default-border)' }}>
            <Stack gap="xs">
              <RejectedWrites />
              <SyncStatusIndicator />
            </Stack>
          </Box>
          <Box pt="xs" mt="xs" style={{ borderTop: '1px solid var(--mantine-color-default-border)' }}>
            <AccountMenu />
          </Box>
        </AppShell.Section>
      </AppShell.Navbar>
      <AppShell.Main h="100dvh" style={{ display: 'flex', flexDirection: 'column' }}>
        <UpdateBanner />
        {children}
      </AppShell.Main>
    </AppShell>
  );
}

interface RailLinkProps {
  href: string;
  label: string;
  icon: typeof IconHome;
  location: string;
}

function RailLink({ href, label, icon: Icon, location }: RailLinkProps) {
  return (
    <NavLink
      component={Link}
      href={href}
      label={label}
      leftSection={<Icon size={18} stroke={1.6} />}
      active={location === href || location.startsWith(`${href}/`)}
      style={{ borderRadius: 'var(--mantine-radius-md)' }}
    />
  );
}
