import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createCore } from '#core/create-core';
import type { Core } from '#core/core-types';
import { ID_TOKEN_SECRET, loadTokens, REFRESH_SECRET, TOKEN_SECRET } from '#core/session/session-tokens';
import { LOCAL_DB_FILE, type LocalDb } from '#core/store/local-db';
import { openDatabase } from '#shared/node/open-database';
import { revokeSessionsOf, startServer, upsertPeople, type RunningServer } from '#server/server';
import { makePerson } from '../../support/people.ts';
import { memorySecrets } from '../../support/memory-secrets.ts';
import { startOidcProvider, type TestOidcProvider } from '../../support/oidc-provider.ts';
import { outboxSize, serverConnection, settle } from '../../support/push-fixture.ts';
import { makeTempDir } from '../../support/temp-dir.ts';
import { oidcConfigFor } from '../server/auth-oidc-fixture.ts';

const ada = makePerson({ id: 'p-ada', name: 'Ada Lovelace', email: 'ada@example.com' });
const bob = makePerson({ id: 'p-bob', name: 'Bob Martin', email: 'bob@example.com', managerId: 'p-ada' });
const cy = makePerson({ id: 'p-cy', name: 'Cy Young', email: 'cy@example.com', managerId: 'p-ada' });

/**
 * Signing in the way the app does, through the core, against a real OpenID Provider and a real Kith server:
 * "the browser" is the provider's own login page driven headlessly, then a request to the core's loopback
 * redirect. Nothing is mocked.
 */
describe('sign-in with the identity provider, through the core', () => {
  let dir: Awaited<ReturnType<typeof makeTempDir>>;
  let idp: TestOidcProvider;
  let server: RunningServer;
  const cleanups: (() => Promise<unknown>)[] = [];

  beforeAll(async () => {
    dir = await makeTempDir();
    idp = await startOidcProvider({
      accounts: [
        { sub: 'ada', email: 'ada@example.com', email_verified: true, name: 'Ada' },
        { sub: 'zed', email: 'zed@example.com', email_verified: true, name: 'Zed, not provisioned' },
      ],
    });
    server = await startServer({
      dbFile: join(dir.path, 'server', 'kith.db'),
      oidc: oidcConfigFor(idp, { providerName: 'Example IdP' }),
    });
    await upsertPeople(server.db, [ada, bob, cy]);
  });
  afterAll(async () => {
    await server?.close();
    await idp?.stop();
    await dir?.remove();
  });
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  /** A browser for the core: signs in at the provider as `login` (null: never comes back). */
  function testBrowser() {
    const b = {
      login: 'ada' as string | null,
      opened: [] as string[],
      pages: [] as Promise<{ status: number; text: string }>[],
      open: async (url: string) => {
        b.opened.push(url);
        if (!b.login || !url.includes('/auth?')) return;
        const back = await idp.authorize(url, { login: b.login });
        // Not awaited: the core answers the tab once it has finished signing in.
        b.pages.push(fetch(back).then(async (res) => ({ status: res.status, text: await res.text() })));
      },
    };
    return b;
  }

  async function newCore(
    options: { signInTimeoutMs?: number; now?: () => number; fetch?: typeof globalThis.fetch } = {},
  ) {
    const dataDir = join(dir.path, `client-${Math.random().toString(36).slice(2)}`);
    const secrets = memorySecrets();
    const browser = testBrowser();
    const core: Core = await createCore({
      dataDir,
      secrets,
      openBrowser: browser.open,
      signInTimeoutMs: options.signInTimeoutMs,
      now: options.now,
      fetch: options.fetch,
      sync: { retry: { baseMs: 50, maxMs: 200 } },
    });
    cleanups.push(() => core.close());
    const db = await openDatabase<LocalDb>({ file: join(dataDir, LOCAL_DB_FILE) });
    cleanups.push(() => db.destroy());
    return { core, secrets, browser, db };
  }

  const sessionsOf = (personId: string) =>
    server.db.selectFrom('session_tokens').selectAll().where('person_id', '=', personId).execute();

  it('finds how a server signs people in, and signs in through the whole code flow', async () => {
    const { core, secrets, browser, db } = await newCore();
    expect(await core.handlers.session.discoverServer({ serverUrl: server.url })).toEqual({
      kind: 'oidc',
      serverUrl: server.url,
      providerName: 'Example IdP',
    });
    const session = await core.handlers.session.signIn({ serverUrl: server.url });
    expect(session).toMatchObject({ state: 'signed_in', serverUrl: server.url, providerName: 'Example IdP' });
    expect(await browser.pages[0]).toMatchObject({ status: 200, text: expect.stringContaining('signed in') });
    await settle(core);
    expect(await core.handlers.session.getSession(undefined)).toMatchObject({ me: { id: ada.id } });
    expect((await core.handlers.directory.searchPeople({ text: '', offset: 0, limit: 10 })).total).toBe(3);
    // The tokens are in the SecretStore, never in local_state.
    const tokens = await loadTokens(secrets);
    expect(tokens?.refresh?.refreshToken).toEqual(expect.any(String));
    expect(await secrets.get(ID_TOKEN_SECRET)).toMatch(/^ey/);
    const state = JSON.stringify(await db.selectFrom('local_state').selectAll().execute());
    expect(state).not.toContain(tokens!.accessToken);
    expect(state).not.toContain(tokens!.refresh!.refreshToken);
  });

  it('shows the server’s refusal of a person it does not know, and stores nothing', async () => {
    const { core, secrets, browser, db } = await newCore();
    browser.login = 'zed';
    const refused = core.handlers.session.signIn({ serverUrl: server.url });
    await expect(refused).rejects.toMatchObject({ code: 'unauthorized', message: expect.any(String) });
    const message = await refused.catch((err: Error) => err.message);
    expect(message).not.toMatch(/answered|401/);
    expect(message).toContain('zed@example.com');
    expect(await browser.pages[0]).toMatchObject({
      status: 400,
      text: expect.stringContaining('zed@example.com</p><p>Go back to Kith to try again.'),
    });
    expect(secrets.values.size).toBe(0);
    expect(await db.selectFrom('local_state').select('key').where('key', '=', 'account').execute()).toEqual(
      [],
    );
  });

  it('says a server without sign-in has none set up yet', async () => {
    const plain = await startServer({ dbFile: join(dir.path, 'plain', 'kith.db') });
    cleanups.push(() => plain.close());
    const { core } = await newCore();
    await expect(core.handlers.session.discoverServer({ serverUrl: plain.url })).rejects.toThrow(
      /no sign-in set up yet/,
    );
    await expect(
      core.handlers.session.discoverServer({ serverUrl: 'http://127.0.0.1:9' }),
    ).rejects.toMatchObject({ code: 'offline', message: expect.stringContaining("Can't reach") });
  });

  it('cancels a sign-in waiting for the browser, and times one out', async () => {
    const { core, browser, secrets } = await newCore();
    browser.login = null;
    const waiting = core.handlers.session.signIn({ serverUrl: server.url });
    await vi.waitFor(() => expect(browser.opened).toHaveLength(1));
    expect(await core.handlers.session.cancelSignIn(undefined)).toEqual({ cancelled: true });
    await expect(waiting).rejects.toThrow('The sign-in was cancelled.');
    expect(await core.handlers.session.cancelSignIn(undefined)).toEqual({ cancelled: false });
    // The loopback listener is gone with it.
    const redirectUri = new URL(browser.opened[0]!).searchParams.get('redirect_uri')!;
    await expect(fetch(redirectUri)).rejects.toThrow();

    const slow = await newCore({ signInTimeoutMs: 300 });
    slow.browser.login = null;
    await expect(slow.core.handlers.session.signIn({ serverUrl: server.url })).rejects.toThrow(/timed out/);
    expect(secrets.values.size + slow.secrets.values.size).toBe(0);
  });

  it('refreshes the access token before it expires, rotating the refresh token', async () => {
    const clock = { offset: 0 };
    const { core, secrets } = await newCore({ now: () => Date.now() + clock.offset });
    await core.handlers.session.signIn({ serverUrl: server.url });
    await settle(core);
    const before = await loadTokens(secrets);
    // 50 minutes on: past 80% of the hour the server gave the access token.
    clock.offset = 50 * 60_000;
    await core.handlers.network.saveConnection({ personId: bob.id, patch: { strength: 3 } });
    await settle(core);
    const after = await loadTokens(secrets);
    expect(after?.accessToken).not.toBe(before?.accessToken);
    expect(after?.refresh?.refreshToken).not.toBe(before?.refresh?.refreshToken);
    expect(await serverConnection(server, ada.id, bob.id)).toMatchObject({ strength: 3 });
    // The old refresh token is used up: once its successor has been used too, sending it again is refused
    // (before that, within a minute, the server takes it for a retry whose answer was lost).
    const refresh = (refreshToken: string) =>
      fetch(`${server.url}/v1/auth/refresh`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ refreshToken }),
      });
    expect((await refresh(after!.refresh!.refreshToken)).status).toBe(200);
    expect((await refresh(before!.refresh!.refreshToken)).status).toBe(401);
  });

  it('stays signed in when the refresh cannot reach the server, and refreshes once it can', async () => {
    const clock = { offset: 0 };
    const network = { refreshDown: false };
    const { core, secrets } = await newCore({
      now: () => Date.now() + clock.offset,
      // The network to the server drops for the refresh call only: the access token is still sent elsewhere.
      fetch: async (input, init) => {
        if (network.refreshDown && String(input).endsWith('/v1/auth/refresh'))
          throw new TypeError('fetch failed');
        return fetch(input, init);
      },
    });
    await core.handlers.session.signIn({ serverUrl: server.url });
    await settle(core);
    const before = await loadTokens(secrets);
    network.refreshDown = true;
    clock.offset = 61 * 60_000; // the access token has expired: nothing works without a refresh
    const status = await core.handlers.sync.syncNow(undefined);
    expect(status).toMatchObject({ state: 'offline', nextRetryAt: expect.any(Number) });
    expect(await core.handlers.session.getSession(undefined)).toMatchObject({ state: 'signed_in' });
    expect((await loadTokens(secrets))?.accessToken).toBe(before?.accessToken);
    network.refreshDown = false;
    expect(await core.handlers.sync.syncNow(undefined)).toMatchObject({ state: 'idle' });
    expect((await loadTokens(secrets))?.accessToken).not.toBe(before?.accessToken);
  });

  it('signs in to the demo org of a demo server the user typed', async () => {
    const demo = await startServer({
      dbFile: join(dir.path, 'demo', 'kith.db'),
      demo: { size: 'S', seed: 3 },
    });
    cleanups.push(() => demo.close());
    const { core, secrets } = await newCore();
    expect(await core.handlers.session.discoverServer({ serverUrl: demo.url })).toEqual({
      kind: 'demo',
      serverUrl: demo.url,
    });
    const session = await core.handlers.session.startDemo({ serverUrl: demo.url });
    expect(session).toMatchObject({
      state: 'signed_in',
      serverUrl: demo.url,
      demo: true,
      providerName: null,
    });
    expect((await loadTokens(secrets))?.refresh).not.toBeNull();
    expect(await settle(core)).toMatchObject({ state: 'idle' });
  });

  it('signs out with the reason when the person is deactivated, keeps the queued write, pushes it on return', async () => {
    const { core, secrets, db } = await newCore();
    await core.handlers.session.signIn({ serverUrl: server.url });
    await settle(core);
    // What SCIM's active: false does: the person inactive, their sessions revoked.
    await server.db.updateTable('people').set({ active: 0 }).where('id', '=', ada.id).execute();
    await revokeSessionsOf(server.db, ada.id);
    await core.handlers.network.saveConnection({
      personId: cy.id,
      patch: { strength: 5, howMet: 'Offsite' },
    });
    await vi.waitFor(async () =>
      expect(await core.handlers.session.getSession(undefined)).toMatchObject({ state: 'signed_out' }),
    );
    const session = await core.handlers.session.getSession(undefined);
    expect(session).toMatchObject({ reason: expect.stringMatching(/directory deactivated this account/) });
    expect(session).toMatchObject({ providerSignOut: null });
    expect(await outboxSize(db)).toBe(1);
    expect([...secrets.values.keys()]).not.toContain(REFRESH_SECRET);
    expect(await serverConnection(server, ada.id, cy.id)).toBeUndefined();

    // Signing in while still deactivated: refused, the write still queued.
    await expect(core.handlers.session.signIn({ serverUrl: server.url })).rejects.toThrow();
    expect(await outboxSize(db)).toBe(1);

    await server.db.updateTable('people').set({ active: 1 }).where('id', '=', ada.id).execute();
    await core.handlers.session.signIn({ serverUrl: server.url });
    await vi.waitFor(async () => expect(await outboxSize(db)).toBe(0));
    expect(await serverConnection(server, ada.id, cy.id)).toMatchObject({ strength: 5, how_met: 'Offsite' });
  });

  it('revokes the session on the server at sign-out, and offers the provider’s sign-out once', async () => {
    const { core, secrets, browser } = await newCore();
    await core.handlers.session.signIn({ serverUrl: server.url });
    await settle(core);
    const tokens = await loadTokens(secrets);
    const idToken = await secrets.get(ID_TOKEN_SECRET);
    expect(await sessionsOf(ada.id)).not.toEqual([]);

    const out = await core.handlers.session.signOut(undefined);
    expect(out).toEqual({
      state: 'signed_out',
      reason: null,
      providerSignOut: { providerName: 'Example IdP' },
    });
    expect(secrets.values.has(TOKEN_SECRET)).toBe(false);
    const refresh = await fetch(`${server.url}/v1/auth/refresh`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ refreshToken: tokens!.refresh!.refreshToken }),
    });
    expect(refresh.status).toBe(401);
    const me = await fetch(`${server.url}/v1/me`, {
      headers: { authorization: `Bearer ${tokens!.accessToken}` },
    });
    expect(me.status).toBe(401);

    const after = await core.handlers.session.openProviderSignOut(undefined);
    expect(after).toMatchObject({ state: 'signed_out', providerSignOut: null });
    const endSession = new URL(browser.opened.at(-1)!);
    expect(endSession.origin + endSession.pathname).toBe(`${idp.issuer}/session/end`);
    expect(endSession.searchParams.get('id_token_hint')).toBe(idToken);
    expect(endSession.searchParams.get('client_id')).toBe(idp.clientId);
    // The provider's page accepts it (it asks to confirm the sign-out).
    expect((await fetch(endSession)).status).toBe(200);
  });
});
