import { AuthSession } from '#shared/wire/auth';
import { expect, test } from './support/fixtures.ts';

/** A web host whose server cannot be reached starts signed out: the welcome screen. */
test.use({ spec: 'welcome' });

test('the welcome screen validates the connect form and shows what the core answers', async ({
  page,
  signedOutWeb: web,
}) => {
  await page.goto(web.url);
  await expect(page.getByTestId('welcome')).toBeVisible();
  await expect(page.getByTestId('sync-status')).toHaveCount(0);

  // The server address comes first and has the focus; Enter submits it.
  await expect(page.getByTestId('server-url')).toBeFocused();
  await page.keyboard.type('ftp://example');
  await page.keyboard.press('Enter');
  await expect(page.getByText('The server address must be an http:// or https:// URL')).toBeVisible();

  // The access-token form is folded away, for administrators.
  await expect(page.getByTestId('connect-token')).toHaveCount(0);
  await page.getByTestId('access-token-toggle').click();
  await page.getByTestId('connect-server-url').fill('ftp://example');
  await page.getByTestId('connect-token').fill('short');
  await page.getByRole('button', { name: 'Connect' }).click();
  await expect(
    page.getByTestId('access-token-form').getByText('The server address must be an http:// or https:// URL'),
  ).toBeVisible();
  await expect(page.getByText('The access token is too short')).toBeVisible();

  await page.getByTestId('connect-server-url').fill('http://127.0.0.1:9');
  await page.getByTestId('connect-token').fill('x'.repeat(32));
  await page.getByRole('button', { name: 'Connect' }).click();
  await expect(page.getByTestId('connect-error')).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId('connect-error')).not.toBeEmpty();
  await page.screenshot({ path: 'test-results/welcome.png', fullPage: true });
});

test('connecting with a valid token opens Home, and the directory has synced', async ({
  page,
  signedOutWeb: web,
  server,
}) => {
  const reply = await fetch(new URL('/v1/demo/sessions', server.url), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: '{}',
  });
  const { accessToken: token } = AuthSession.parse(await reply.json());

  await page.goto(web.url);
  await page.getByTestId('access-token-toggle').click();
  await page.getByTestId('connect-server-url').fill(server.url);
  await page.getByTestId('connect-token').fill(token);
  await page.getByRole('button', { name: 'Connect' }).click();
  await expect(page.getByTestId('activity').or(page.getByTestId('activity-empty'))).toBeVisible({
    timeout: 30_000,
  });
  await page.goto(`${web.url}#/people`);
  await expect(page.getByTestId('directory-search')).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId('directory-row').first()).toBeVisible({ timeout: 60_000 });
});

test('signing out from the account menu returns to the welcome screen and empties the directory', async ({
  page,
  signedOutWeb: web,
}) => {
  await page.goto(`${web.url}#/people`);
  await expect(page.getByTestId('directory-row').first()).toBeVisible({ timeout: 60_000 });
  await page.getByTestId('account-menu').click();
  await page.getByRole('menuitem', { name: 'Sign out…' }).click();
  await expect(page.getByText('The copy of the directory on this computer is removed')).toBeVisible();
  await page.screenshot({ path: 'test-results/sign-out.png', fullPage: true });
  await page.getByRole('button', { name: 'Sign out', exact: true }).click();
  await expect(page.getByTestId('welcome')).toBeVisible();
  await page.reload();
  await expect(page.getByTestId('welcome')).toBeVisible();
});
