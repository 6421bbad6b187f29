import { Switch } from '@mantine/core';
import { IconDeviceDesktop } from '@tabler/icons-react';
import type { AppSettings, SettingsView } from '#shared/domain/settings';
import { useUpdateSettings } from '../../hooks/use-settings.ts';
import { SettingRow, SettingsSection } from './SettingsSection.tsx';

const DESKTOP_ONLY = 'Available in the desktop app.';

type Toggle = Omit<ToggleRowProps, 'view' | 'available'> & { host: keyof SettingsView['host'] };

const TOGGLES: Toggle[] = [
  {
    field: 'startAtLogin',
    host: 'startAtLogin',
    title: 'Start Kith when you log in',
    description:
      'Kith starts when you log in (in the tray on Windows and Linux), so notifications and sync are ready when you are.',
    testId: 'settings-start-at-login',
  },
  {
    field: 'closeToTray',
    host: 'tray',
    title: 'Keep Kith running in the tray when its window closes',
    description: 'It goes on syncing and notifying; quit from the tray icon.',
    testId: 'settings-close-to-tray',
  },
];

/** How Kith runs on this computer: at login, and in the tray when its window closes. */
export function DesktopSection({ view }: { view: SettingsView }) {
  return (
    <SettingsSection title="Desktop" icon={<IconDeviceDesktop size={18} />} testId="settings-desktop">
      {TOGGLES.map(({ host, ...toggle }) => (
        <ToggleRow key={toggle.field} {...toggle} view={view} available={view.host[host]} />
      ))}
    </SettingsSection>
  );
}

interface ToggleRowProps {
  field: 'startAtLogin' | 'closeToTray';
  view: SettingsView;
  /** Whether the host can do it; when it cannot, the switch is off and says where it can. */
  available: boolean;
  title: string;
  description: string;
  testId: string;
}

function ToggleRow({ field, view, available, title, description, testId }: ToggleRowProps) {
  const save = useUpdateSettings();
  const saved: AppSettings[typeof field] = view.settings[field];
  const checked = save.isPending ? (save.variables[field] ?? saved) : saved;
  return (
    <SettingRow
      testId={testId}
      title={title}
      description={available ? description : `${description} ${DESKTOP_ONLY}`}
      error={save.error?.message}
      control={(a11y) => (
        <Switch
          {...a11y}
          checked={available && checked}
          disabled={!available}
          onChange={(event) => save.mutate({ [field]: event.currentTarget.checked })}
          data-testid={`${testId}-switch`}
        />
      )}
    />
  );
}
