import { Group, NumberInput, Select, Text } from '@mantine/core';
import { useState } from 'react';
import { KEEP_IN_TOUCH_MAX_DAYS } from '#shared/domain/connection';
import { KEEP_IN_TOUCH_PRESETS } from '#shared/domain/keep-in-touch';

const OFF = 'off';
const CUSTOM = 'custom';
const OPTIONS = [
  { value: OFF, label: 'Off' },
  ...KEEP_IN_TOUCH_PRESETS.map(({ days, label }) => ({
    value: String(days),
    label: `${label} (${days} days)`,
  })),
  { value: CUSTOM, label: 'Custom…' },
];

const isPreset = (days: number) => KEEP_IN_TOUCH_PRESETS.some((p) => p.days === days);

/** A keep-in-touch cadence: off, a common one, or any number of days up to a year. */
export function KeepInTouchInput({
  value,
  onChange,
}: {
  value: number | null;
  onChange: (days: number | null) => void;
}) {
  const [custom, setCustom] = useState(value !== null && !isPreset(value));
  const selected = value === null && !custom ? OFF : custom ? CUSTOM : String(value);

  return (
    <div>
      <Group gap="sm" align="flex-end" wrap="nowrap">
        <Select
          label="Keep in touch"
          data={OPTIONS}
          value={selected}
          allowDeselect={false}
          w={240}
          onChange={(next) => {
            if (next === CUSTOM) {
              setCustom(true);
              if (value === null) onChange(30);
              return;
            }
            setCustom(false);
            onChange(next === OFF || next === null ? null : Number(next));
          }}
          data-testid="keep-in-touch-select"
        />
        {custom ? (
          <NumberInput
            aria-label="Days between interactions"
            min={1}
            max={KEEP_IN_TOUCH_MAX_DAYS}
            clampBehavior="strict"
            allowDecimal={false}
            allowNegative={false}
            w={120}
            suffix=" days"
            value={value ?? ''}
            onChange={(next) => onChange(typeof next === 'number' && next >= 1 ? next : null)}
            data-testid="keep-in-touch-days"
          />
        ) : null}
      </Group>
      <Text size="xs" c="dimmed" mt={6}>
        {value === null
          ? 'No reminder. Pick a cadence to see this colleague in Follow-ups when you have not talked for that long.'
          : 'A follow-up falls due this long after your last interaction. Only you see it.'}
      </Text>
    </div>
  );
}
