import { Notification, Portal, Stack } from '@mantine/core';
import { dismissToast, useToasts } from '../lib/toasts.ts';

export function Toaster() {
  const toasts = useToasts();
  if (toasts.length === 0) return null;
  return (
    <Portal>
      <Stack
        gap="xs"
        pos="fixed"
        bottom={16}
        right={16}
        w={360}
        style={{ zIndex: 400 }}
        role="status"
        aria-live="polite"
      >
        {toasts.map((toast) => (
          <Notification
            key={toast.id}
            color={toast.color}
            title={toast.title}
            withBorder
            onClose={() => dismissToast(toast.id)}
          >
            {toast.message}
          </Notification>
        ))}
      </Stack>
    </Portal>
  );
}
