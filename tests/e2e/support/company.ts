import { join } from 'node:path';
import { expect, type Page } from '@playwright/test';
import { createProvisioningToken } from '#server/repos/provisioning-tokens.repo';
import { startServer, type RunningServer } from '#server/server';
import { startCuttingProxy } from '../../support/cutting-proxy.ts';
import { startOidcProvider, type TestAccount, type TestOidcProvider } from '../../support/oidc-provider.ts';
import { test as base } from './fixtures.ts';
import { startWebHost, tempDir, type RunningProcess } from './processes.ts';

const SCIM_USER = 'urn:ietf:params:scim:schemas:core:2.0:User';
const SCIM_GROUP = 'urn:ietf:params:scim:schemas:core:2.0:Group';
const PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
/** The identity provider's name, as the sign-in button shows it. */
export const PROVIDER_NAME = 'Contoso';

export interface Colleague extends TestAccount {
  sub: string;
  email: string;
  name: string;
  title: string;
}

/**
 * A company as the sign-in specs need it: its OpenID Provider (a real oidc-provider on 127.0.0.1), its Kith
 * server (in this process, OIDC configured, SCIM on) behind a proxy that can be shut like a lost network,
 * a provisioning token, and one computer (a web host) that starts signed out.
 */
export interface Company {
  provider: TestOidcProvider;
  server: RunningServer;
  /** What people type on the welcome screen: the proxy in front of the server. */
  serverUrl: string;
  /** Shut (false) or reopen the network between the computer and the server. */
  setOnline(online: boolean): void;
  /** The computer: a web host whose core signs in through its own origin's /callback. */
  web: RunningProcess;
  /** Provisions a person through SCIM (and gives them an account at the provider); returns their id. */
  provision(person: Colleague): Promise<string>;
  /** A SCIM group: a team the directory manages. */
  provisionTeam(name: string, memberIds: string[]): Promise<string>;
  /** SCIM PATCH active: false (true brings them back). */
  setActive(id: string, active: boolean): Promise<void>;
}

async function scim(server: RunningServer, token: string, method: string, path: string, body: unknown) {
  const response = await fetch(`${server.url}/scim/v2${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/scim+json' },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`SCIM ${method} ${path}: ${response.status} ${text}`);
  return (text ? JSON.parse(text) : {}) as { id?: string };
}

/** The identity provider's pages load a web font from the internet: tests talk to 127.0.0.1 only. */
export async function keepToLoopback(page: Page): Promise<void> {
  await page.context().route(/^https?:\/\/(?!127\.0\.0\.1[:/])/, (route) => route.abort());
}

/** Signs in on the provider's own login and consent pages (oidc-provider's interaction pages). */
export async function signInAtProvider(page: Page, provider: TestOidcProvider, login: string): Promise<void> {
  await page.waitForURL((url) => url.href.startsWith(provider.issuer), { timeout: 30_000 });
  const loginField = page.locator('input[name="login"]');
  // A browser that is still signed in at the provider skips the login page.
  const consent = page.getByRole('button', { name: 'Continue' });
  await expect(loginField.or(consent)).toBeVisible();
  if (await loginField.isVisible()) {
    await loginField.fill(login);
    await page.locator('input[name="password"]').fill('any password');
    await page.getByRole('button', { name: 'Sign-in' }).click();
  }
  // Consent is asked once per grant; after it the browser leaves the provider.
  const left = page.waitForURL((url) => !url.href.startsWith(provider.issuer), { timeout: 30_000 });
  if (await consent.isVisible({ timeout: 5_000 }).catch(() => false)) await consent.click();
  await left;
}

export const test = base.extend<object, { company: Company }>({
  company: [
    async ({ spec }, use) => {
      const provider = await startOidcProvider({ clientId: 'kith-desktop' });
      const dataDir = tempDir(`kith-e2e-${spec}-company-`);
      const server = await startServer({
        dbFile: join(dataDir, 'kith-server.db'),
        scim: true,
        oidc: {
          issuer: provider.issuer,
          clientId: provider.clientId,
          providerName: PROVIDER_NAME,
          scopes: ['openid', 'profile', 'email'],
          personClaim: 'email',
          allowedEmailDomains: [],
          redirectPort: null,
          clockToleranceSeconds: 60,
        },
      });
      const proxy = await startCuttingProxy(server.url);
      const { token } = await createProvisioningToken(server.db, 'e2e');
      // The computer is not pointed at the company: it starts on the welcome screen.
      const web = await startWebHost('http://127.0.0.1:9', { dataDir: tempDir(`kith-e2e-${spec}-web-`) });
      await use({
        provider,
        server,
        serverUrl: proxy.url,
        setOnline: (online) => proxy.setOpen(online),
        web,
        async provision(person) {
          provider.setAccount({
            sub: person.sub,
            email: person.email,
            email_verified: true,
            name: person.name,
          });
          const created = await scim(server, token, 'POST', '/Users', {
            schemas: [SCIM_USER],
            userName: person.email,
            displayName: person.name,
            title: person.title,
            emails: [{ value: person.email, type: 'work', primary: true }],
            active: true,
          });
          if (!created.id) throw new Error(`SCIM created ${person.email} without an id`);
          return created.id;
        },
        async provisionTeam(name, memberIds) {
          const created = await scim(server, token, 'POST', '/Groups', {
            schemas: [SCIM_GROUP],
            displayName: name,
            members: memberIds.map((value) => ({ value })),
          });
          if (!created.id) throw new Error(`SCIM created ${name} without an id`);
          return created.id;
        },
        async setActive(id, active) {
          await scim(server, token, 'PATCH', `/Users/${id}`, {
            schemas: [PATCH_OP],
            Operations: [{ op: 'replace', value: { active } }],
          });
        },
      });
      await web.kill();
      await proxy.close();
      await server.close();
      await provider.stop();
    },
    { scope: 'worker', timeout: 120_000 },
  ],
});

export { expect };
