import { describe, expect, it } from 'vitest';
import type { ServerSignIn } from '#shared/domain/session';
import {
  initialWelcome,
  parseServerInput,
  recallServer,
  reduceWelcome,
  rememberServer,
  signInLabel,
  type WelcomeEvent,
  type WelcomeState,
} from '../../../../src-renderer/screens/welcome/welcome-flow.ts';

const contoso: ServerSignIn = {
  kind: 'oidc',
  serverUrl: 'https://kith.contoso.com',
  providerName: 'Contoso',
};
const demoServer: ServerSignIn = { kind: 'demo', serverUrl: 'http://127.0.0.1:4000' };

const run = (state: WelcomeState, ...events: WelcomeEvent[]) => events.reduce(reduceWelcome, state);
const typed = (input: string) => run(initialWelcome(null), { type: 'edit', input });
const ready = (server: ServerSignIn = contoso) =>
  run(typed(server.serverUrl), { type: 'discover', attempt: 1 }, { type: 'discovered', server, attempt: 1 });
const signingIn = (server: ServerSignIn = contoso) => run(ready(server), { type: 'start', attempt: 2 });

describe('reduceWelcome', () => {
  it('starts on the server address, filled with the remembered one', () => {
    expect(initialWelcome('https://kith.contoso.com')).toMatchObject({
      step: 'server',
      input: 'https://kith.contoso.com',
      fieldError: null,
      error: null,
    });
    expect(initialWelcome(null)).toMatchObject({ step: 'server', input: '' });
  });

  it('shows a field error for an invalid address, and clears it when the user types', () => {
    const invalid = run(typed('ftp://x'), { type: 'invalid', message: 'Not http' });
    expect(invalid).toMatchObject({ step: 'server', fieldError: 'Not http' });
    expect(run(invalid, { type: 'edit', input: 'kith' })).toMatchObject({ fieldError: null, input: 'kith' });
  });

  it('asks the server, then offers its way of signing in', () => {
    const asking = run(typed('kith.contoso.com'), { type: 'discover', attempt: 1 });
    expect(asking).toMatchObject({ step: 'discovering', input: 'kith.contoso.com' });
    expect(run(asking, { type: 'discovered', server: contoso, attempt: 1 })).toMatchObject({
      step: 'ready',
      server: contoso,
      error: null,
    });
  });

  it('keeps the address and says why when the server cannot be asked', () => {
    const failed = run(
      typed('kith.contoso.com'),
      { type: 'discover', attempt: 1 },
      { type: 'discover_failed', message: 'The server did not answer', attempt: 1 },
    );
    expect(failed).toMatchObject({
      step: 'server',
      input: 'kith.contoso.com',
      error: 'The server did not answer',
    });
  });

  it('drops the answer of a question abandoned by typing', () => {
    const edited = run(
      typed('a.example'),
      { type: 'discover', attempt: 1 },
      { type: 'edit', input: 'b.example' },
    );
    expect(run(edited, { type: 'discovered', server: contoso, attempt: 1 })).toEqual(edited);
    expect(run(edited, { type: 'discover_failed', message: 'x', attempt: 1 })).toEqual(edited);
  });

  it('waits for the browser, and says after a while that it may not have opened', () => {
    const waiting = signingIn();
    expect(waiting).toMatchObject({ step: 'signing_in', server: contoso, slow: false });
    expect(run(waiting, { type: 'slow', attempt: 2 })).toMatchObject({ slow: true });
    expect(run(waiting, { type: 'slow', attempt: 1 })).toMatchObject({ slow: false });
  });

  it('shows a refusal from the server or the IdP on the sign-in step, the server kept', () => {
    const refused = run(signingIn(), {
      type: 'failed',
      message: 'Your account is deactivated',
      attempt: 2,
    });
    expect(refused).toMatchObject({ step: 'ready', server: contoso, error: 'Your account is deactivated' });
    // Trying again clears it.
    expect(run(refused, { type: 'start', attempt: 3 })).toMatchObject({ step: 'signing_in', slow: false });
  });

  it('returns to the sign-in button on Cancel, and the cancelled sign-in failing afterwards shows nothing', () => {
    const cancelled = run(signingIn(), { type: 'cancel' });
    expect(cancelled).toMatchObject({ step: 'ready', error: null });
    expect(run(cancelled, { type: 'failed', message: 'Sign-in was cancelled', attempt: 2 })).toEqual(
      cancelled,
    );
    // Nor does it land on a new attempt started right after.
    const again = run(cancelled, { type: 'start', attempt: 3 });
    expect(run(again, { type: 'failed', message: 'Sign-in was cancelled', attempt: 2 })).toEqual(again);
  });

  it('goes back to the address on "Use another server", keeping what was typed', () => {
    expect(run(ready(), { type: 'back' })).toMatchObject({
      step: 'server',
      input: contoso.serverUrl,
      error: null,
      fieldError: null,
    });
  });

  it('signs in to a demo server the same way', () => {
    expect(signingIn(demoServer)).toMatchObject({ step: 'signing_in', server: demoServer });
  });

  it('ignores events that do not belong to the current step', () => {
    const waiting = signingIn();
    expect(run(waiting, { type: 'edit', input: 'x' })).toEqual(waiting);
    expect(run(waiting, { type: 'discovered', server: demoServer, attempt: 2 })).toEqual(waiting);
    const start = typed('x');
    expect(run(start, { type: 'start', attempt: 1 })).toEqual(start);
    expect(run(start, { type: 'cancel' })).toEqual(start);
  });
});

describe('parseServerInput', () => {
  it.each([
    ['kith.contoso.com', 'https://kith.contoso.com'],
    ['  https://kith.contoso.com/  ', 'https://kith.contoso.com'],
    ['https://contoso.com/kith/', 'https://contoso.com/kith'],
    ['https://kith.contoso.com/?x=1#top', 'https://kith.contoso.com'],
    ['HTTPS://Kith.Contoso.com', 'https://kith.contoso.com'],
    ['127.0.0.1:4000', 'http://127.0.0.1:4000'],
    ['localhost:4000/', 'http://localhost:4000'],
    ['http://10.0.0.5:8080', 'http://10.0.0.5:8080'],
  ])('reads %j as %s', (typedText, serverUrl) => {
    expect(parseServerInput(typedText)).toEqual({ ok: true, serverUrl });
  });

  it.each([
    ['', 'Type your company’s Kith server address'],
    ['   ', 'Type your company’s Kith server address'],
    ['ftp://kith.contoso.com', 'The server address must be an http:// or https:// URL'],
    ['https://', 'The server address must be an http:// or https:// URL'],
    ['https://admin:secret@kith.contoso.com', 'The server address cannot hold a user name or password'],
  ])('refuses %j', (typedText, message) => {
    expect(parseServerInput(typedText)).toEqual({ ok: false, message });
  });
});

describe('signInLabel', () => {
  it("names the company's identity provider, or the demo organization", () => {
    expect(signInLabel(contoso)).toBe('Sign in with Contoso');
    expect(signInLabel(demoServer)).toBe('Enter the demo organization');
  });
});

describe('rememberServer / recallServer', () => {
  const memory = () => {
    const values = new Map<string, string>();
    return {
      getItem: (key: string) => values.get(key) ?? null,
      setItem: (key: string, value: string) => void values.set(key, value),
    };
  };

  it('offers the last server that answered next time', () => {
    const storage = memory();
    expect(recallServer(storage)).toBeNull();
    rememberServer(storage, 'https://kith.contoso.com');
    expect(recallServer(storage)).toBe('https://kith.contoso.com');
  });

  it('offers nothing when storage is off, full or holds something else', () => {
    const broken = {
      getItem: () => {
        throw new Error('SecurityError');
      },
      setItem: () => {
        throw new Error('QuotaExceededError');
      },
    };
    expect(() => rememberServer(broken, 'https://kith.contoso.com')).not.toThrow();
    expect(recallServer(broken)).toBeNull();
    expect(recallServer(null)).toBeNull();
    const storage = memory();
    storage.setItem('kith.welcome.serverUrl', 'javascript:alert(1)');
    expect(recallServer(storage)).toBeNull();
  });
});
