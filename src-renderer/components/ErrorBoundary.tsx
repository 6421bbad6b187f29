import { Alert, Button, Center, Code, Stack, Text } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { Component, type ErrorInfo, type ReactNode } from 'react';

interface Props {
  children: ReactNode;
  /** When this changes (e.g. the route), a caught error is cleared. */
  resetKey?: string;
}

interface State {
  error: Error | null;
}

/** Whatever breaks in a screen shows as a readable message with a way out, never a blank window. */
export class ErrorBoundary extends Component<Props, State> {
  override state: State = { error: null };

  static getDerivedStateFromError(error: unknown): State {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    console.error('Kith UI error', error, info.componentStack);
  }

  override componentDidUpdate(prev: Props): void {
    if (prev.resetKey !== this.props.resetKey && this.state.error) this.setState({ error: null });
  }

  override render(): ReactNode {
    const { error } = this.state;
    if (!error) return this.props.children;
    return (
      <Center p="xl" h="100%">
        <Alert
          variant="light"
          color="red"
          title="This screen ran into a problem"
          icon={<IconAlertTriangle />}
          maw={560}
          data-testid="error-boundary"
        >
          <Stack gap="sm">
            <Text size="sm">{error.message}</Text>
            {error.name && error.name !== 'Error' ? <Code>{error.name}</Code> : null}
            <Button
              variant="light"
              color="red"
              w="fit-content"
              onClick={() => this.setState({ error: null })}
            >
              Try again
            </Button>
          </Stack>
        </Alert>
      </Center>
    );
  }
}
