import { Alert, Button, Code, Group, Loader, Stack, Text, TextInput, Title } from '@mantine/core';
import {
  IconArrowLeft,
  IconArrowRight,
  IconExternalLink,
  IconLogin2,
  IconSparkles,
} from '@tabler/icons-react';
import { useEffect, useRef, type FormEvent, type ReactNode } from 'react';
import type { ServerSignIn } from '#shared/domain/session';
import { signInLabel, type WelcomeState } from './welcome-flow.ts';
import { useWelcomeFlow } from './use-welcome-flow.ts';

/**
 * Signing in at your company: the server's address, then its identity provider in the browser (or its demo
 * organization). One card whose steps replace each other in place, so the page does not jump.
 */
export function ServerSignInCard() {
  const flow = useWelcomeFlow();
  const { state } = flow;
  return (
    <Stack gap="md" h="100%" data-testid="server-sign-in" data-step={state.step}>
      {state.step === 'server' || state.step === 'discovering' ? (
        <ServerStep state={state} onEdit={flow.edit} onSubmit={flow.submit} />
      ) : state.step === 'ready' ? (
        <ReadyStep
          server={state.server}
          error={state.error}
          onSignIn={() => flow.signIn(state.server)}
          onBack={flow.back}
        />
      ) : (
        <WaitingStep server={state.server} slow={state.slow} onCancel={flow.cancel} />
      )}
    </Stack>
  );
}

function CardTitle({ title, children }: { title: string; children: ReactNode }) {
  return (
    <div>
      <Title order={2} fz="lg">
        {title}
      </Title>
      <Text size="sm" c="dimmed">
        {children}
      </Text>
    </div>
  );
}

type TypingState = Extract<WelcomeState, { step: 'server' | 'discovering' }>;

function ServerStep({
  state,
  onEdit,
  onSubmit,
}: {
  state: TypingState;
  onEdit: (input: string) => void;
  onSubmit: () => void;
}) {
  const discovering = state.step === 'discovering';
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSubmit();
  };
  return (
    <form onSubmit={submit} noValidate style={{ display: 'contents' }}>
      <CardTitle title="Sign in at your company">
        Type the address of your company’s Kith server. Your IT team can tell you what it is.
      </CardTitle>
      <TextInput
        label="Server address"
        placeholder="kith.example.com"
        value={state.input}
        onChange={(e) => onEdit(e.currentTarget.value)}
        error={state.step === 'server' ? state.fieldError : null}
        autoComplete="url"
        inputMode="url"
        spellCheck={false}
        autoCapitalize="off"
        data-autofocus
        autoFocus
        data-testid="server-url"
      />
      {state.step === 'server' && state.error ? (
        <Alert
          variant="light"
          color="red"
          title="Kith could not reach this server"
          role="alert"
          data-testid="server-error"
        >
          {state.error}
        </Alert>
      ) : null}
      <Button
        type="submit"
        mt="auto"
        loading={discovering}
        rightSection={<IconArrowRight size={18} />}
        data-testid="server-continue"
      >
        Continue
      </Button>
    </form>
  );
}

function ReadyStep({
  server,
  error,
  onSignIn,
  onBack,
}: {
  server: ServerSignIn;
  error: string | null;
  onSignIn: () => void;
  onBack: () => void;
}) {
  const primary = useRef<HTMLButtonElement>(null);
  // Enter signs in: the next step's one action has the focus, as the field had before.
  useEffect(() => primary.current?.focus(), []);
  const oidc = server.kind === 'oidc';
  return (
    <>
      <CardTitle title={oidc ? 'Sign in at your company' : 'A demo server'}>
        {oidc
          ? `Your browser opens ${server.providerName}’s sign-in page; Kith continues here once you are signed in.`
          : 'This server runs a made-up organization for trying Kith out.'}
      </CardTitle>
      <ServerAddress serverUrl={server.serverUrl} />
      {error ? (
        <Alert
          variant="light"
          color="red"
          title="You are not signed in"
          role="alert"
          data-testid="sign-in-error"
        >
          {error}
        </Alert>
      ) : null}
      <Stack gap="xs" mt="auto">
        <Button
          ref={primary}
          onClick={onSignIn}
          leftSection={oidc ? <IconLogin2 size={18} /> : <IconSparkles size={18} />}
          rightSection={oidc ? <IconExternalLink size={16} /> : null}
          data-testid="sign-in"
        >
          {signInLabel(server)}
        </Button>
        <Button
          variant="subtle"
          color="gray"
          leftSection={<IconArrowLeft size={16} />}
          onClick={onBack}
          data-testid="use-another-server"
        >
          Use another server
        </Button>
      </Stack>
    </>
  );
}

function WaitingStep({
  server,
  slow,
  onCancel,
}: {
  server: ServerSignIn;
  slow: boolean;
  onCancel: () => void;
}) {
  const cancel = useRef<HTMLButtonElement>(null);
  useEffect(() => cancel.current?.focus(), []);
  if (server.kind === 'demo') {
    return (
      <>
        <CardTitle title="Entering the demo organization…">
          Kith is fetching the organization from the server.
        </CardTitle>
        <ServerAddress serverUrl={server.serverUrl} />
        <Group justify="center" mt="auto" py="md">
          <Loader size="sm" aria-label="Signing in" />
        </Group>
      </>
    );
  }
  return (
    <>
      <CardTitle title="Continue in your browser…">
        Sign in with {server.providerName} in the browser tab that just opened. Kith continues here on its
        own.
      </CardTitle>
      <ServerAddress serverUrl={server.serverUrl} />
      <Group gap="sm" wrap="nowrap" aria-live="polite" data-testid="sign-in-waiting">
        <Loader size="sm" aria-hidden />
        <Text size="sm">Waiting for {server.providerName}…</Text>
      </Group>
      {/* Space kept for the hint, so the Cancel button does not move when it appears. */}
      <Text size="xs" c="dimmed" mih={36} data-testid="sign-in-browser-hint" aria-live="polite">
        {slow
          ? 'No browser window? Check behind this window or on your taskbar, or cancel and try again.'
          : ''}
      </Text>
      <Button ref={cancel} variant="default" mt="auto" onClick={onCancel} data-testid="sign-in-cancel">
        Cancel
      </Button>
    </>
  );
}

function ServerAddress({ serverUrl }: { serverUrl: string }) {
  return (
    <Text size="sm" c="dimmed">
      Server:{' '}
      <Code fz="sm" data-testid="sign-in-server" data-selectable>
        {serverUrl}
      </Code>
    </Text>
  );
}
