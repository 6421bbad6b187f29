import { Badge, Button, Group, Rating, Stack, Text } from '@mantine/core';
import { IconBellRinging, IconLock, IconPlus, IconUsersGroup } from '@tabler/icons-react';
import { useState } from 'react';
import type { Connection } from '#shared/domain/connection';
import { keepInTouchDueOn } from '#shared/domain/keep-in-touch';
import { toLocalDay } from '#shared/local-day';
import { useConnection, useRemoveConnection } from '../../hooks/use-network.ts';
import { useNow } from '../../hooks/use-now.ts';
import { CONNECTION_KIND_LABELS, formatDay } from '../../lib/connection-labels.ts';
import { describeDue, formatCadence } from '../../lib/keep-in-touch.ts';
import { ConnectionEditor } from './ConnectionEditor.tsx';

/** Your connection with this colleague: how you know each other, or a way to record it. */
export function ConnectionCard({ personId, personName }: { personId: string; personName: string }) {
  const connection = useConnection(personId);
  const remove = useRemoveConnection(personId);
  const [editing, setEditing] = useState(false);
  const [confirmingRemove, setConfirmingRemove] = useState(false);
  const data = connection.data;

  return (
    <div data-testid="connection-card">
      {data ? (
        <Stack gap="xs">
          <Group gap="xs">
            {data.kinds.map((kind) => (
              <Badge key={kind} variant="light">
                {CONNECTION_KIND_LABELS[kind]}
              </Badge>
            ))}
            <Rating value={data.strength} readOnly size="sm" aria-label={`Strength ${data.strength} of 5`} />
            {data.visibility === 'shared' ? (
              <Badge variant="outline" color="teal" leftSection={<IconUsersGroup size={12} />}>
                Shared
              </Badge>
            ) : (
              <Badge variant="outline" color="gray" leftSection={<IconLock size={12} />}>
                Only me
              </Badge>
            )}
          </Group>
          {data.howMet ? (
            <Text size="sm" style={{ whiteSpace: 'pre-wrap' }} data-selectable>
              {data.howMet}
            </Text>
          ) : null}
          <Text size="xs" c="dimmed">
            {[
              data.since ? `Known since ${formatDay(data.since)}` : null,
              data.lastInteractionAt ? `last talked ${formatDay(data.lastInteractionAt)}` : null,
            ]
              .filter(Boolean)
              .join(' · ') || 'No dates yet'}
          </Text>
          <KeepInTouchLine connection={data} />
          <Group gap="xs">
            <Button size="xs" variant="light" onClick={() => setEditing(true)}>
              Edit
            </Button>
            {confirmingRemove ? (
              <>
                <Button size="xs" color="red" loading={remove.isPending} onClick={() => remove.mutate()}>
                  Remove connection
                </Button>
                <Button size="xs" variant="subtle" onClick={() => setConfirmingRemove(false)}>
                  Keep
                </Button>
              </>
            ) : (
              <Button size="xs" variant="subtle" color="red" onClick={() => setConfirmingRemove(true)}>
                Remove…
              </Button>
            )}
          </Group>
        </Stack>
      ) : (
        <Group justify="space-between">
          <Text size="sm" c="dimmed">
            You haven't recorded how you know {personName}.
          </Text>
          <Button
            size="xs"
            leftSection={<IconPlus size={14} />}
            onClick={() => setEditing(true)}
            disabled={connection.isPending}
          >
            Add connection
          </Button>
        </Group>
      )}
      {editing ? (
        <ConnectionEditor
          personId={personId}
          personName={personName}
          connection={data ?? null}
          onClose={() => setEditing(false)}
        />
      ) : null}
    </div>
  );
}

/** "Every 30 days · next due 12 Dec", or "… · overdue by 5 days"; nothing without a cadence. */
function KeepInTouchLine({ connection }: { connection: Connection }) {
  const today = toLocalDay(useNow(60_000));
  const dueOn = keepInTouchDueOn(connection, toLocalDay);
  if (connection.keepInTouchDays === null || dueOn === null) return null;
  const due = describeDue(dueOn, today);
  const upcoming = due.state === 'upcoming';
  // The icon takes the text's colour (currentColor).
  return (
    <Group gap={6} c={upcoming ? 'dimmed' : due.color} data-testid="keep-in-touch-status">
      <IconBellRinging size={14} />
      <Text size="xs" c="inherit" fw={upcoming ? undefined : 600}>
        {formatCadence(connection.keepInTouchDays)} · {due.label}
      </Text>
    </Group>
  );
}
