import { Box, Center, Loader, ScrollArea, Stack, Text, Title } from '@mantine/core';
import { InlineError } from '../../components/InlineError.tsx';
import { useSettings } from '../../hooks/use-settings.ts';
import { AccountSection, ServerSection } from './AccountSections.tsx';
import { DesktopSection } from './DesktopSection.tsx';
import { NotificationsSection } from './NotificationsSection.tsx';
import { UpdatesSection } from './UpdatesSection.tsx';

/**
 * Settings: the server and account, notifications, how Kith runs on this desktop, and its updates. Every
 * control saves at once; `settings.changed` keeps the screen in step with the tray and other windows.
 */
export function SettingsScreen() {
  const settings = useSettings();

  let deviceSections;
  if (settings.error) {
    deviceSections = (
      <InlineError
        title="Could not read this computer's settings"
        error={settings.error}
        onRetry={() => void settings.refetch()}
      />
    );
  } else if (!settings.data) {
    deviceSections = (
      <Center py="xl">
        <Loader />
      </Center>
    );
  } else {
    deviceSections = (
      <>
        <NotificationsSection view={settings.data} />
        <DesktopSection view={settings.data} />
        <UpdatesSection view={settings.data} />
      </>
    );
  }

  return (
    <ScrollArea style={{ flex: '1 1 auto' }} type="auto">
      <Box p="lg" maw={840} data-testid="settings">
        <Stack gap={2} mb="lg">
          <Title order={1} fz={24}>
            Settings
          </Title>
          <Text size="sm" c="dimmed">
            How Kith works on this computer. Changes are saved as you make them.
          </Text>
        </Stack>
        <Stack gap="lg">
          <ServerSection />
          <AccountSection />
          {deviceSections}
        </Stack>
      </Box>
    </ScrollArea>
  );
}
