import type { Page } from '@playwright/test';
import { expect, test } from './support/fixtures.ts';

/**
 * The real UI against the real core, real SQLite and the real server: search, open a profile, then lose the
 * server and keep working from the local cache.
 */
test.describe.configure({ mode: 'serial' });
test.use({ spec: 'directory' });

/** Uncaught errors and CSP violations seen by the page; the last test asserts there were none. */
const problems: string[] = [];

/** Types into the search box and waits until the list answers this text (not the previous one). */
async function search(page: Page, text: string): Promise<void> {
  await page.getByTestId('directory-search').fill(text);
  await expect(page.getByTestId('directory-total')).not.toHaveAttribute('aria-busy', 'true');
}

test.beforeAll(({ webPage: page }) => {
  page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error' && /Content.Security.Policy|Refused to/i.test(message.text())) {
      problems.push(`CSP: ${message.text()}`);
    }
  });
});

test('the directory lists the demo organization once the first sync is done', async ({
  webPage: page,
  web,
}) => {
  await page.goto(`${web.url}#/people`);
  // The bridge removes the token from the address bar.
  await expect(page).not.toHaveURL(/token=/);
  await expect(page.getByTestId('sync-status')).toHaveAttribute('data-state', 'idle', { timeout: 60_000 });
  await expect(page.getByTestId('directory-total')).toHaveText(/^[\d,]+ people$/);
  await expect(page.getByTestId('directory-row').first()).toBeVisible();
  await expect(page.getByTestId('directory-search')).toBeFocused();
  await expect(page.getByTestId('sync-status')).toContainText(/Synced (just now|\d+ min ago)/);
  await page.screenshot({ path: 'test-results/directory.png', fullPage: true });

  // Facet options carry their counts.
  await page.getByTestId('filter-department').click();
  await expect(page.locator('.mantine-Select-option').first()).toContainText(/\d/);
  await page.screenshot({ path: 'test-results/directory-filter.png', fullPage: true });
  await page.keyboard.press('Escape');
});

test('searching by a name prefix finds the person', async ({ webPage: page }) => {
  const firstRow = page.getByTestId('directory-row').nth(3);
  const name = (await firstRow.locator('p').first().innerText()).trim();
  const prefix = name.split(/\s+/)[0]!.slice(0, 4);

  await search(page, prefix);
  await expect(page.getByTestId('directory-row').filter({ hasText: name })).toBeVisible();
  await expect(page.getByTestId('directory-total')).not.toHaveText('0 people');
  await page.screenshot({ path: 'test-results/directory-search.png', fullPage: true });

  // Keyboard: the highlight moves with the arrows and Enter opens the highlighted row.
  const rows = page.getByTestId('directory-row');
  await expect(rows.nth(1)).toBeVisible();
  const second = (await rows.nth(1).locator('p').first().innerText()).trim();
  await page.getByTestId('directory-search').press('ArrowDown');
  await expect(rows.nth(1)).toHaveAttribute('aria-selected', 'true');
  await page.getByTestId('directory-search').press('Enter');
  await expect(page.getByTestId('profile-name')).toHaveText(second);
  await page.goBack();
  await expect(page.getByTestId('directory-search')).toHaveValue(prefix);
  await expect(rows.nth(1)).toHaveAttribute('aria-selected', 'true');

  await search(page, name);
  await expect(page.getByTestId('directory-row').first()).toContainText(name);
  await page.getByTestId('directory-search').press('Enter');
  await expect(page.getByTestId('profile-name')).toHaveText(name);
});

test('the profile shows the person, their reporting line and reports', async ({ webPage: page }) => {
  await expect(page.getByTestId('profile-header')).toBeVisible();
  await expect(page.getByTestId('manager-chain')).toBeVisible();
  await expect(page.getByTestId('direct-reports')).toBeVisible();
  await page.screenshot({ path: 'test-results/profile.png', fullPage: true });

  // Up the reporting line: the manager's page lists this person among their reports.
  const name = await page.getByTestId('profile-name').innerText();
  const managers = page.getByTestId('manager-chain-item');
  if ((await managers.count()) > 0) {
    await managers.last().click();
    await expect(page.getByTestId('profile-name')).not.toHaveText(name);
    await expect(page.getByTestId('direct-report').filter({ hasText: name })).toBeVisible();
    await page.screenshot({ path: 'test-results/profile-manager.png', fullPage: true });
  }
});

test('a skill badge opens the directory filtered by that skill', async ({ webPage: page }) => {
  const skill = page.getByTestId('profile-skill').first();
  const skillName = (await skill.innerText()).trim();
  await skill.click();
  await expect(page.getByTestId('filter-skill')).toHaveValue(skillName);
  await expect(page.getByTestId('directory-search')).toHaveValue('');
  await expect(page.getByTestId('directory-row').first()).toBeVisible();
  await page.screenshot({ path: 'test-results/directory-skill.png', fullPage: true });

  // Nothing matches → the empty state offers to clear the filters.
  await search(page, 'zzzzqqq');
  await expect(page.getByTestId('directory-empty')).toContainText('No one matches');
  await page.screenshot({ path: 'test-results/directory-empty.png', fullPage: true });
  await page.getByRole('button', { name: 'Clear search and filters' }).click();
  await expect(page.getByTestId('filter-skill')).toHaveValue('');
  await expect(page.getByTestId('directory-row').first()).toBeVisible();
});

test('with the server gone, search still works and the status says offline', async ({
  webPage: page,
  server,
}) => {
  await server.kill('SIGKILL');
  await page.getByRole('navigation').getByRole('link', { name: 'People', exact: true }).click();
  await page.getByRole('button', { name: 'Sync now' }).click();
  await expect(page.getByTestId('sync-status')).toHaveAttribute('data-state', 'offline', { timeout: 30_000 });
  await expect(page.getByTestId('sync-status')).toContainText('Offline — showing saved data');

  await search(page, '');
  await expect(page.getByTestId('directory-row').first()).toBeVisible();
  const everyone = await page.getByTestId('directory-total').innerText();
  const name = (await page.getByTestId('directory-row').nth(5).locator('p').first().innerText()).trim();
  await search(page, name);
  await expect(page.getByTestId('directory-row').first()).toContainText(name);
  await expect(page.getByTestId('directory-total')).not.toHaveText(everyone);
  await page.screenshot({ path: 'test-results/directory-offline.png', fullPage: true });

  await page.getByTestId('directory-row').filter({ hasText: name }).first().click();
  await expect(page.getByTestId('profile-name')).toHaveText(name);
  await page.screenshot({ path: 'test-results/profile-offline.png', fullPage: true });

  // Ctrl+K from any screen lands in the directory's search box.
  await page.keyboard.press('Control+K');
  await expect(page.getByTestId('directory-search')).toBeFocused();
});

test('an unknown person gets a clear message, not a blank screen', async ({ webPage: page }) => {
  await page.goto(`${page.url().replace(/#.*$/, '')}#/people/no-such-person`);
  await expect(page.getByTestId('profile-not-found')).toContainText('not in the directory');
  await page.screenshot({ path: 'test-results/profile-not-found.png', fullPage: true });
  expect(problems).toEqual([]);
});
