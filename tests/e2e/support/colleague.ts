import { expect, type Page } from '@playwright/test';

/**
 * From the web host's start page, opens the profile of someone other than the signed-in person (whose own
 * profile has no connection or notes sections) and returns their name.
 */
export async function openAColleague(page: Page, webUrl: string): Promise<string> {
  await page.goto(`${webUrl}#/people`);
  await expect(page.getByTestId('directory-row').nth(1)).toBeVisible({ timeout: 60_000 });
  const me = (await page.getByTestId('account-menu').innerText()).split('\n')[0] ?? '';
  const firstIsMe = (await page.getByTestId('directory-row').first().innerText()).includes(me);
  await page
    .getByTestId('directory-row')
    .nth(firstIsMe ? 1 : 0)
    .click();
  const name = (await page.getByTestId('profile-name').textContent())?.trim() ?? '';
  expect(name).not.toBe('');
  return name;
}
