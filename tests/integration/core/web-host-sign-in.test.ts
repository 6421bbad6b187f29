import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore } from '#core/create-core';
import type { Core } from '#core/core-types';
import { startServer, upsertPeople, type RunningServer } from '#server/server';
import { createWebSignIn, type WebSignIn } from '../../../src-web/host/web-sign-in.ts';
import { makePerson } from '../../support/people.ts';
import { memorySecrets } from '../../support/memory-secrets.ts';
import { startOidcProvider, type TestOidcProvider } from '../../support/oidc-provider.ts';
import { makeTempDir } from '../../support/temp-dir.ts';
import { oidcConfigFor } from '../server/auth-oidc-fixture.ts';

/**
 * The web host's sign-in: the same core flow, the redirect on the host's own origin (/callback), and "opening
 * the browser" as a navigation of the renderer's tab. The tab here is fetch following the navigation.
 */
describe('sign-in in the web host, with its own URL as the redirect', () => {
  let dir: Awaited<ReturnType<typeof makeTempDir>>;
  let idp: TestOidcProvider;
  let server: RunningServer;
  let host: Server;
  let origin: string;
  let webSignIn: WebSignIn;
  let core: Core;
  const tab = { login: 'ada', navigations: [] as string[], landed: [] as Promise<Response>[] };

  beforeAll(async () => {
    dir = await makeTempDir();
    idp = await startOidcProvider({
      accounts: [
        { sub: 'ada', email: 'ada@example.com', email_verified: true },
        { sub: 'zed', email: 'zed@example.com', email_verified: true },
      ],
    });
    server = await startServer({
      dbFile: join(dir.path, 'server', 'kith.db'),
      oidc: oidcConfigFor(idp, { providerName: 'Example IdP' }),
    });
    await upsertPeople(server.db, [makePerson({ id: 'p-ada', name: 'Ada', email: 'ada@example.com' })]);
    webSignIn = createWebSignIn();
    // The host's routes that matter here: /callback; everything else would be the renderer.
    host = createServer((req, res) => {
      void webSignIn.handle(req, res).then((handled) => {
        if (!handled) res.writeHead(200).end('the app');
      });
    });
    await new Promise<void>((resolve) => host.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(host.address() as AddressInfo).port}`;
    webSignIn.attach({
      origin,
      navigate: (url) => {
        tab.navigations.push(url);
        void idp.authorize(url, { login: tab.login }).then((back) => {
          tab.landed.push(fetch(back, { redirect: 'manual' }));
        });
      },
    });
    core = await createCore({
      dataDir: join(dir.path, 'client'),
      secrets: memorySecrets(),
      openBrowser: webSignIn.openBrowser,
      openRedirectReceiver: webSignIn.openRedirectReceiver,
    });
  });
  afterAll(async () => {
    await core?.close();
    await new Promise((resolve) => host?.close(resolve));
    await server?.close();
    await idp?.stop();
    await dir?.remove();
  });

  it('sends the tab to the provider, back to the host’s /callback, then home to the app', async () => {
    const session = await core.handlers.session.signIn({ serverUrl: server.url });
    expect(session).toMatchObject({ state: 'signed_in', providerName: 'Example IdP' });
    const sent = new URL(tab.navigations[0]!);
    expect(sent.origin).toBe(idp.issuer);
    expect(sent.searchParams.get('redirect_uri')).toBe(`${origin}/callback`);
    const back = await tab.landed[0]!;
    expect(back.status).toBe(303);
    expect(back.headers.get('location')).toBe('/');
  });

  it('shows a refused sign-in on the callback page, with a way back to the app', async () => {
    await core.handlers.session.signOut(undefined);
    tab.login = 'zed';
    await expect(core.handlers.session.signIn({ serverUrl: server.url })).rejects.toThrow(/zed@example.com/);
    const back = await tab.landed[1]!;
    expect(back.status).toBe(400);
    const page = await back.text();
    expect(page).toContain('Kith could not sign you in');
    expect(page).toContain('<a href="/">Back to Kith</a>');
    // A reload of /callback later just goes home.
    expect((await fetch(`${origin}/callback?code=x&state=y`, { redirect: 'manual' })).status).toBe(303);
  });
});
