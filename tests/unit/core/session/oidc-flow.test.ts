import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openLoopbackReceiver } from '#core/session/loopback-receiver';
import { runOidcFlow, type OidcAuthConfig } from '#core/session/oidc-flow';
import { KithError } from '#shared/errors';
import { startOidcProvider, type TestOidcProvider } from '../../../support/oidc-provider.ts';

/**
 * The browser part of RFC 8252 against a real OpenID Provider: what the core sends, what it accepts back.
 * "The browser" here is the provider's own login page driven headlessly, then a request to the redirect URI.
 */
describe('OIDC code flow (core side)', () => {
  let idp: TestOidcProvider;
  let config: OidcAuthConfig;
  beforeAll(async () => {
    idp = await startOidcProvider({
      accounts: [{ sub: 'ada', email: 'ada@example.com', email_verified: true, name: 'Ada' }],
    });
    config = {
      mode: 'oidc',
      providerName: 'Example IdP',
      issuer: idp.issuer,
      clientId: idp.clientId,
      scopes: ['openid', 'email', 'profile'],
      redirectPort: null,
    };
  });
  afterAll(() => idp.stop());

  interface Browser {
    opened: URL[];
    /** What the tab shows when it comes back to the redirect URI. */
    page: Promise<{ status: number; text: string }>;
    open: (url: string) => Promise<void>;
  }

  /** A browser that signs in as Ada, optionally tampering with what goes to the provider or comes back. */
  function browser(tamper: { request?: (u: URL) => void; redirect?: (u: URL) => void; deny?: boolean } = {}) {
    let show: (page: { status: number; text: string }) => void = () => undefined;
    const b: Browser = {
      opened: [],
      page: new Promise((resolve) => (show = resolve)),
      open: async (url) => {
        const request = new URL(url);
        b.opened.push(new URL(url));
        tamper.request?.(request);
        const back = new URL(await idp.authorize(request.href, { login: 'ada', deny: tamper.deny }));
        tamper.redirect?.(back);
        // Not awaited: the receiver holds its answer until the core has finished signing in.
        void fetch(back).then(async (res) => show({ status: res.status, text: await res.text() }));
      },
    };
    return b;
  }

  const run = (b: Browser, options: { config?: OidcAuthConfig; signal?: AbortSignal } = {}) =>
    runOidcFlow(
      {
        config: options.config ?? config,
        openBrowser: b.open,
        openRedirectReceiver: openLoopbackReceiver,
        signal: options.signal ?? new AbortController().signal,
      },
      async (result) => result,
    );

  it('signs in with PKCE S256, state and nonce, and tells the browser tab', async () => {
    const b = browser();
    const result = await run(b);
    const payload = JSON.parse(Buffer.from(result.idToken.split('.')[1]!, 'base64url').toString());
    expect(payload).toMatchObject({ sub: 'ada', email: 'ada@example.com', aud: idp.clientId });
    expect(result.endSessionEndpoint).toBe(`${idp.issuer}/session/end`);
    const sent = b.opened[0]!.searchParams;
    expect(sent.get('code_challenge_method')).toBe('S256');
    expect(sent.get('state')).toMatch(/^[\w-]{20,}$/);
    expect(sent.get('nonce')).toMatch(/^[\w-]{20,}$/);
    expect(new URL(sent.get('redirect_uri')!).hostname).toBe('127.0.0.1');
    expect(await b.page).toMatchObject({
      status: 200,
      text: expect.stringContaining('You are signed in to Kith'),
    });
  });

  it('answers a callback with another state 400 and keeps waiting for its own, which signs in', async () => {
    let probe: Promise<{ status: number; text: string }> | undefined;
    const b = browser({
      redirect: (u) => {
        // A web page probing the loopback port (or a stale tab) reaches the callback first.
        const forged = new URL(u);
        forged.searchParams.set('state', 'forged-state-value');
        probe = fetch(forged).then(async (res) => ({ status: res.status, text: await res.text() }));
      },
    });
    const result = await run(b);
    expect(result.idToken).not.toBe('');
    expect(await probe).toMatchObject({
      status: 400,
      text: expect.stringContaining('not the answer Kith is waiting for'),
    });
    expect((await b.page).status).toBe(200);
  });

  it('refuses an ID token whose nonce is not this sign-in’s', async () => {
    const b = browser({ request: (u) => u.searchParams.set('nonce', 'another-sign-ins-nonce') });
    await expect(run(b)).rejects.toThrow(/does not belong to this sign-in.*nonce/);
  });

  it('reports a sign-in cancelled at the provider', async () => {
    await expect(run(browser({ deny: true }))).rejects.toThrow('The sign-in was cancelled at Example IdP.');
  });

  describe('the fixed redirect port', () => {
    let taken: Server;
    let freePort: number;
    beforeAll(async () => {
      taken = createServer();
      await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
      const probe = createServer();
      await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
      freePort = (probe.address() as AddressInfo).port;
      await new Promise((resolve) => probe.close(resolve));
    });
    afterAll(() => new Promise((resolve) => taken.close(resolve)));

    const portOf = (b: Browser) => Number(new URL(b.opened[0]!.searchParams.get('redirect_uri')!).port);

    it('is used when free', async () => {
      const b = browser();
      await run(b, { config: { ...config, redirectPort: freePort } });
      expect(portOf(b)).toBe(freePort);
    });

    it('falls back to a free port when taken', async () => {
      const takenPort = (taken.address() as AddressInfo).port;
      const b = browser();
      await run(b, { config: { ...config, redirectPort: takenPort } });
      expect(portOf(b)).not.toBe(takenPort);
      expect(portOf(b)).toBeGreaterThan(0);
    });
  });

  it('stops waiting for the browser when aborted, and closes the listener', async () => {
    const controller = new AbortController();
    let redirectUri = '';
    const waiting = runOidcFlow(
      {
        config,
        openBrowser: async (url) => {
          redirectUri = new URL(url).searchParams.get('redirect_uri')!;
          controller.abort(new KithError('unavailable', 'The sign-in was cancelled.'));
        },
        openRedirectReceiver: openLoopbackReceiver,
        signal: controller.signal,
      },
      async (result) => result,
    );
    await expect(waiting).rejects.toThrow('The sign-in was cancelled.');
    await expect(fetch(redirectUri)).rejects.toThrow();
  });
});
