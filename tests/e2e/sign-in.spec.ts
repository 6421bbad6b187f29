import type { Page } from '@playwright/test';
import {
  expect,
  keepToLoopback,
  PROVIDER_NAME,
  signInAtProvider,
  test,
  type Colleague,
} from './support/company.ts';

/**
 * Signing in at a company (issue 14): a real OpenID Provider, a Kith server that trusts it and whose
 * directory SCIM provisioned, and a computer that has never signed in. The specs run in order, each going on
 * from the last on one page.
 */
test.use({ spec: 'sign-in' });
test.describe.configure({ mode: 'serial' });

const SHOTS = 'test-results/sign-in';
const ada: Colleague = {
  sub: 'ada',
  email: 'ada.lovelace@contoso.test',
  name: 'Ada Lovelace',
  title: 'Analytical Engineer',
};
const grace: Colleague = {
  sub: 'grace',
  email: 'grace.hopper@contoso.test',
  name: 'Grace Hopper',
  title: 'Compiler Architect',
};
const TEAM = 'Platform Team';
let adaId = '';
let graceId = '';
let page: Page;

test.beforeAll(async ({ browser, company }) => {
  adaId = await company.provision(ada);
  graceId = await company.provision(grace);
  await company.provisionTeam(TEAM, [adaId, graceId]);
  page = await browser.newPage({ colorScheme: 'light' });
  await keepToLoopback(page);
});
test.afterAll(() => page.close());

async function typeServerAndContinue(serverUrl: string) {
  const field = page.getByTestId('server-url');
  await expect(field).toBeFocused();
  await field.fill(serverUrl);
  await page.keyboard.press('Enter');
}

async function waitForHome(webUrl: string) {
  // The browser came back to the computer's /callback; the app is at its root.
  if (!page.url().startsWith(webUrl) || !(await page.getByTestId('home').isVisible()))
    await page.goto(webUrl);
  await expect(page.getByTestId('home')).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId('sync-status')).toContainText('Synced', { timeout: 60_000 });
}

test('a new user types the server address, signs in on the provider’s page, and lands in Kith with the directory', async ({
  company,
}) => {
  await page.goto(company.web.url);
  await expect(page.getByTestId('welcome')).toBeVisible();
  await page.screenshot({ path: `${SHOTS}/welcome-light.png`, fullPage: true });
  await page.emulateMedia({ colorScheme: 'dark' });
  await expect(page.locator('html')).toHaveAttribute('data-mantine-color-scheme', 'dark');
  await page.screenshot({ path: `${SHOTS}/welcome-dark.png`, fullPage: true });
  await page.emulateMedia({ colorScheme: 'light' });

  await typeServerAndContinue(company.serverUrl);
  const signIn = page.getByRole('button', { name: `Sign in with ${PROVIDER_NAME}` });
  await expect(signIn).toBeFocused();
  await expect(page.getByTestId('sign-in-server')).toHaveText(company.serverUrl);
  await page.screenshot({ path: `${SHOTS}/sign-in-with-provider.png`, fullPage: true });

  await page.keyboard.press('Enter');
  await signInAtProvider(page, company.provider, ada.sub);
  await waitForHome(company.web.url);

  // The directory synced: a provisioned colleague is searchable, and the directory's team reads as managed.
  await page.goto(`${company.web.url}#/people`);
  await page.getByTestId('directory-search').fill('Grace');
  await expect(page.getByTestId('directory-row').filter({ hasText: grace.name })).toBeVisible({
    timeout: 30_000,
  });
  await page.goto(`${company.web.url}#/communities`);
  const team = page.getByTestId('community-card').filter({ hasText: TEAM });
  await expect(team.getByTestId('community-managed')).toHaveText('Managed by your directory');
  await expect(team.getByRole('button')).toHaveCount(0);
  await team.getByTestId('community-name').click();
  const header = page.getByTestId('community-header');
  await expect(header.getByTestId('community-managed')).toBeVisible();
  for (const action of [
    'community-join',
    'community-leave',
    'community-request',
    'community-cancel-request',
  ]) {
    await expect(header.getByTestId(action)).toHaveCount(0);
  }
  await page.screenshot({ path: `${SHOTS}/managed-team.png`, fullPage: true });
  await header.getByTestId('community-more').click();
  await expect(page.getByTestId('community-edit')).toHaveCount(0);
  await page.keyboard.press('Escape');

  // Settings → Account: who, through which provider, where.
  await page.goto(`${company.web.url}#/settings`);
  const account = page.getByTestId('settings-account');
  await expect(account.getByTestId('settings-account-name')).toHaveText(ada.name);
  await expect(account.getByTestId('settings-account-title')).toHaveText(ada.title);
  await expect(account.getByTestId('settings-account-provider')).toHaveText(
    `Signed in with ${PROVIDER_NAME} · ${new URL(company.serverUrl).host}`,
  );
  await page.screenshot({ path: `${SHOTS}/settings-account.png`, fullPage: true });
});

test('signing out returns to the welcome screen and offers to sign out of the provider too', async ({
  company,
}) => {
  await page.getByTestId('settings-account').getByRole('button', { name: 'Sign out…' }).click();
  await page.getByTestId('sign-out-confirm').getByRole('button', { name: 'Sign out', exact: true }).click();
  await expect(page.getByTestId('welcome')).toBeVisible();
  await expect(page.getByTestId('signed-out-reason')).toHaveCount(0);
  const offer = page.getByTestId('provider-sign-out');
  await expect(offer.getByRole('button', { name: `Also sign out of ${PROVIDER_NAME}` })).toBeVisible();
  // The address typed last time is offered again.
  await expect(page.getByTestId('server-url')).toHaveValue(company.serverUrl);
  await page.screenshot({ path: `${SHOTS}/signed-out.png`, fullPage: true });

  // The provider's own end-session page, in the browser.
  await offer.getByRole('button', { name: `Also sign out of ${PROVIDER_NAME}` }).click();
  await page.waitForURL((url) => url.href.startsWith(company.provider.issuer), { timeout: 30_000 });
  await page.getByRole('button', { name: 'Yes, sign me out' }).click();
  await page.goto(company.web.url);
  await expect(page.getByTestId('welcome')).toBeVisible();
  await expect(page.getByTestId('provider-sign-out')).toHaveCount(0);
});

test('a person the directory deactivates is signed out at the next refresh, with the reason, and their queued writes are kept', async ({
  company,
}) => {
  test.setTimeout(300_000);
  await typeServerAndContinue(company.serverUrl);
  await page.getByRole('button', { name: `Sign in with ${PROVIDER_NAME}` }).click();
  await signInAtProvider(page, company.provider, ada.sub);
  await waitForHome(company.web.url);

  // Offline, Ada adds Grace to her network: the write waits in the queue.
  company.setOnline(false);
  await page.goto(`${company.web.url}#/people`);
  await page.getByTestId('directory-search').fill('Grace');
  await page.getByTestId('directory-row').filter({ hasText: grace.name }).click();
  await page.getByRole('button', { name: 'Add connection' }).click();
  const editor = page.getByTestId('connection-editor');
  await editor.getByText('Worked with').click();
  await editor.getByLabel('How you met').fill('Written while the network was down');
  await page.getByTestId('connection-save').click();
  await expect(
    page.getByTestId('connection-card').getByText('Written while the network was down'),
  ).toBeVisible();

  // IT deactivates Ada; the next contact with the server ends her session.
  await company.setActive(adaId, false);
  company.setOnline(true);
  // The core tries again on its own once the network is back: no click needed.
  await expect(page.getByTestId('welcome')).toBeVisible({ timeout: 90_000 });
  await expect(page.getByTestId('signed-out-reason')).toContainText('Your session ended');
  await expect(page.getByTestId('signed-out-reason')).toContainText('kept');
  await page.screenshot({ path: `${SHOTS}/deactivated.png`, fullPage: true });
  expect(await connectionsOnServer(company.server)).toEqual([]);

  // Signing in again is refused while she is deactivated: the tab the browser came back to says why.
  await typeServerAndContinue(company.serverUrl);
  await page.getByRole('button', { name: `Sign in with ${PROVIDER_NAME}` }).click();
  await signInAtProvider(page, company.provider, ada.sub);
  await expect(page.getByRole('heading', { name: 'Kith could not sign you in' })).toBeVisible();
  await expect(page.getByText('deactivated')).toBeVisible();
  await page.screenshot({ path: `${SHOTS}/refused.png`, fullPage: true });
  await page.getByRole('link', { name: 'Back to Kith' }).click();
  await expect(page.getByTestId('welcome')).toBeVisible();

  // IT reactivates her: she signs in again and the queued connection reaches the server.
  await company.setActive(adaId, true);
  await typeServerAndContinue(company.serverUrl);
  await page.getByRole('button', { name: `Sign in with ${PROVIDER_NAME}` }).click();
  await signInAtProvider(page, company.provider, ada.sub);
  await waitForHome(company.web.url);
  await expect
    .poll(() => connectionsOnServer(company.server), { timeout: 30_000 })
    .toEqual(['Written while the network was down']);
});

test('a colleague the directory deactivates reads as inactive in the directory and on their profile', async ({
  company,
}) => {
  await company.setActive(graceId, false);
  await page.goto(`${company.web.url}#/people`);
  await page.getByTestId('directory-search').fill('Grace');
  const row = page.getByTestId('directory-row').filter({ hasText: grace.name });
  await expect(row.getByTestId('person-inactive')).toHaveText('inactive', { timeout: 30_000 });
  await row.click();
  await expect(page.getByTestId('profile-inactive')).toBeVisible();
  await expect(page.getByTestId('profile-inactive-note')).toContainText(
    'Deactivated in your company’s directory',
  );
  await page.screenshot({ path: `${SHOTS}/inactive-profile.png`, fullPage: true });
});

async function connectionsOnServer(server: {
  db: import('kysely').Kysely<import('#server/server').ServerDb>;
}) {
  const rows = await server.db.selectFrom('connections').select('how_met').execute();
  return rows.map((r) => r.how_met);
}
