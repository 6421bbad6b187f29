import { Stack, Text, Title } from '@mantine/core';
import { PageFrame } from '../../components/PageFrame.tsx';
import { CenteredLoader, QueryBoundary } from '../../components/QueryBoundary.tsx';
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

  return (
    <PageFrame maw={840} testId="settings">
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
        <QueryBoundary
          query={settings}
          errorTitle="Could not read this computer's settings"
          loading={<CenteredLoader py="xl" />}
        >
          {(view) => (
            <>
              <NotificationsSection view={view} />
              <DesktopSection view={view} />
              <UpdatesSection view={view} />
            </>
          )}
        </QueryBoundary>
      </Stack>
    </PageFrame>
  );
}
