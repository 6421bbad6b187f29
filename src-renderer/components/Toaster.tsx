import { Button, Notification, Portal, Stack, Text } from '@mantine/core';
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
            data-testid="toast"
          >
            {toast.action ? (
              <Stack gap={6} align="flex-start">
                <Text size="sm" c="dimmed" lineClamp={3}>
                  {toast.message}
                </Text>
                <Button
                  size="compact-xs"
                  variant="light"
                  color={toast.color}
                  onClick={() => {
                    dismissToast(toast.id);
                    toast.action?.onClick();
                  }}
                  data-testid="toast-action"
                >
                  {toast.action.label}
                </Button>
              </Stack>
            ) : (
              toast.message
            )}
          </Notification>
        ))}
      </Stack>
    </Portal>
  );
}
