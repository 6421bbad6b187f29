import { expect, type Page } from '@playwright/test';

/** Clicks the rail's "Sync now" and waits until the status says synced. */
export async function syncNow(page: Page): Promise<void> {
  await page.getByTestId('sync-status').getByRole('button', { name: 'Sync now' }).click();
  await expect(page.getByTestId('sync-status')).toContainText('Synced', { timeout: 30_000 });
}

/** The signed-in person's name, as the account menu shows it. */
export async function whoAmI(page: Page): Promise<string> {
  return (await page.getByTestId('account-menu').locator('p').first().innerText()).trim();
}
