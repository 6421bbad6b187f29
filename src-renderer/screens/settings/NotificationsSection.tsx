import { Badge, Button, Group, Menu, Switch, Text, TextInput } from '@mantine/core';
import { IconBell, IconBellPause, IconChevronDown, IconMoon, IconPlayerPlay } from '@tabler/icons-react';
import { useState } from 'react';
import {
  findTomorrowMorning,
  PAUSE_HOUR_MS,
  type QuietHours,
  type SettingsView,
} from '#shared/domain/settings';
import { useNow } from '../../hooks/use-now.ts';
import { useUpdateSettings } from '../../hooks/use-settings.ts';
import {
  DEFAULT_QUIET_HOURS,
  describePause,
  describeQuietHours,
  formatTimeOfDay,
  minuteToTime,
  parseQuietHours,
} from '../../lib/notification-settings.ts';
import { CommunityNotifications } from './CommunityNotifications.tsx';
import { SettingRow, SettingsSection } from './SettingsSection.tsx';

/** When Kith may notify: a pause, quiet hours every day, and which communities. */
export function NotificationsSection({ view }: { view: SettingsView }) {
  return (
    <SettingsSection
      title="Notifications"
      description={
        view.host.desktopNotifications
          ? 'New activity in the communities you follow shows as a desktop notification.'
          : 'New activity in the communities you follow shows in a corner of this page.'
      }
      icon={<IconBell size={18} />}
      testId="settings-notifications"
    >
      <PauseRow pausedUntil={view.settings.pausedUntil} />
      <QuietHoursRow saved={view.settings.quietHours} />
      <CommunityNotifications />
    </SettingsSection>
  );
}

function PauseRow({ pausedUntil: saved }: { pausedUntil: number | null }) {
  const save = useUpdateSettings();
  // Often enough that a pause that runs out reads as over within the minute.
  const now = useNow(20_000);
  const pausedUntil =
    save.isPending && save.variables.pausedUntil !== undefined ? save.variables.pausedUntil : saved;
  const paused = describePause(pausedUntil, now);
  const pause = (until: (now: number) => number) => save.mutate({ pausedUntil: until(Date.now()) });

  return (
    <SettingRow
      testId="settings-pause"
      title="Pause notifications"
      description={
        paused ? (
          <Badge
            color="orange"
            variant="light"
            size="lg"
            tt="none"
            fw={500}
            leftSection={<IconBellPause size={14} />}
            data-testid="settings-paused-until"
          >
            {paused}
          </Badge>
        ) : (
          'Notifications are on. Pause them for a meeting or for the rest of the day.'
        )
      }
      error={save.error?.message}
      control={
        <>
          {paused ? (
            <Button
              variant="light"
              leftSection={<IconPlayerPlay size={16} />}
              onClick={() => save.mutate({ pausedUntil: null })}
              data-testid="settings-resume"
            >
              Resume
            </Button>
          ) : null}
          <Menu position="bottom-end" withinPortal>
            <Menu.Target>
              <Button
                variant="default"
                rightSection={<IconChevronDown size={14} />}
                loading={save.isPending}
                data-testid="settings-pause-menu"
              >
                {paused ? 'Change…' : 'Pause…'}
              </Button>
            </Menu.Target>
            <Menu.Dropdown>
              <Menu.Item onClick={() => pause((at) => at + PAUSE_HOUR_MS)}>For 1 hour</Menu.Item>
              <Menu.Item onClick={() => pause(findTomorrowMorning)}>
                Until tomorrow, {formatTimeOfDay(findTomorrowMorning(now))}
              </Menu.Item>
            </Menu.Dropdown>
          </Menu>
        </>
      }
    />
  );
}

interface Draft {
  start: string;
  end: string;
  error: string;
}

function QuietHoursRow({ saved }: { saved: QuietHours | null }) {
  const save = useUpdateSettings();
  // Times that cannot be saved (start = end) stay in the inputs, with the reason, until they can.
  const [draft, setDraft] = useState<Draft | null>(null);
  const shown = save.isPending && save.variables.quietHours !== undefined ? save.variables.quietHours : saved;
  const start = draft?.start ?? minuteToTime((shown ?? DEFAULT_QUIET_HOURS).start);
  const end = draft?.end ?? minuteToTime((shown ?? DEFAULT_QUIET_HOURS).end);

  const toggle = (on: boolean) => {
    setDraft(null);
    save.mutate({ quietHours: on ? (saved ?? DEFAULT_QUIET_HOURS) : null });
  };
  const change = (next: { start: string; end: string }) => {
    const parsed = parseQuietHours(next.start, next.end);
    if (!parsed.ok) {
      setDraft({ ...next, error: parsed.error });
      return;
    }
    setDraft(null);
    if (parsed.value.start !== shown?.start || parsed.value.end !== shown.end) {
      save.mutate({ quietHours: parsed.value });
    }
  };

  return (
    <SettingRow
      testId="settings-quiet-hours"
      title={
        <Group gap={6} component="span">
          <IconMoon size={15} aria-hidden />
          Quiet hours
        </Group>
      }
      description="Every day, no notifications between these times; what comes in waits in your unread counts."
      error={draft?.error ?? save.error?.message}
      control={(a11y) => (
        <Switch
          {...a11y}
          checked={shown !== null}
          onChange={(event) => toggle(event.currentTarget.checked)}
          data-testid="settings-quiet-hours-switch"
        />
      )}
    >
      {shown !== null ? (
        <Group gap="sm" mt="sm" align="flex-end">
          <TextInput
            type="time"
            label="From"
            value={start}
            onChange={(event) => change({ start: event.currentTarget.value, end })}
            error={Boolean(draft)}
            w={130}
            data-testid="settings-quiet-start"
          />
          <TextInput
            type="time"
            label="To"
            value={end}
            onChange={(event) => change({ start, end: event.currentTarget.value })}
            error={Boolean(draft)}
            w={130}
            data-testid="settings-quiet-end"
          />
          {draft ? null : (
            <Text size="sm" c="dimmed" pb={8} data-testid="settings-quiet-summary">
              {describeQuietHours(shown)}
            </Text>
          )}
        </Group>
      ) : null}
    </SettingRow>
  );
}
