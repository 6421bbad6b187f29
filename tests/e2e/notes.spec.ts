import { openAColleague } from './support/colleague.ts';
import { expect, test } from './support/fixtures.ts';

/** Notes, end to end: written on a profile in markdown, rendered safely, found by search, due on Follow-ups. */
test.describe.configure({ mode: 'serial' });
test.use({ spec: 'notes', connections: false });

/** Today on this computer's clock, as the date input and the core read it. */
function localToday(): string {
  const now = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

const BODY = [
  'Talked about the **zanzibar** migration, see [the plan](https://example.com/plan).',
  '',
  '<script>window.__kithPwned = 1</script>',
  '',
  'Avatar idea: <img src="x" onerror="window.__kithPwned = 2">',
].join('\n');

test('a markdown note on a profile renders safely, is found by search and is due today', async ({
  webPage: page,
  web,
}) => {
  const name = await openAColleague(page, web.url);
  await expect(page.getByTestId('notes-privacy')).toContainText('Notes stay on this computer');

  await page.getByRole('button', { name: 'Add note' }).click();
  const editor = page.getByTestId('note-editor');
  await editor.getByLabel('Note', { exact: true }).fill(BODY);
  const tags = editor.getByRole('combobox', { name: 'Tags' });
  await tags.fill('platform');
  await tags.press('Enter');
  await editor.getByLabel('Follow up on').fill(localToday());
  await editor.getByText('Preview', { exact: true }).click();
  await expect(editor.getByTestId('note-preview').locator('strong')).toHaveText('zanzibar');
  await page.screenshot({ path: 'test-results/note-editor.png', fullPage: true });
  await page.getByTestId('note-save').click();
  await expect(editor).toBeHidden();

  const body = page.getByTestId('note-item').first().getByTestId('note-body');
  await expect(body.locator('strong')).toHaveText('zanzibar');
  const link = body.getByRole('link', { name: 'the plan' });
  await expect(link).toHaveAttribute('href', 'https://example.com/plan');
  await expect(link).toHaveAttribute('target', '_blank');
  await expect(link).toHaveAttribute('rel', 'noreferrer noopener');
  // Raw HTML shows as text, never as elements.
  await expect(body).toContainText('<script>window.__kithPwned = 1</script>');
  await expect(body).toContainText('<img src="x" onerror="window.__kithPwned = 2">');
  await expect(body.locator('script, img')).toHaveCount(0);
  expect(await page.evaluate('globalThis.__kithPwned')).toBeUndefined();
  await expect(page.getByTestId('note-item').first()).toContainText('platform');
  await page.getByTestId('notes-card').scrollIntoViewIfNeeded();
  await page.screenshot({ path: 'test-results/profile-notes.png', fullPage: true });

  await page.getByRole('link', { name: 'Notes', exact: true }).click();
  await page.getByTestId('notes-search').fill('zanzi migr');
  await expect(page.getByTestId('note-result')).toHaveCount(1);
  await expect(page.getByTestId('note-result')).toContainText(name);
  await expect(page.getByTestId('note-result')).toContainText('Talked about the zanzibar migration');
  await page.screenshot({ path: 'test-results/notes-search.png', fullPage: true });
  await page.getByTestId('notes-search').fill('zanzix');
  await expect(page.getByTestId('notes-empty')).toBeVisible();
  await page.getByTestId('notes-search').fill('zanzi');
  await page.getByTestId('note-result-open').click();
  await expect(page.getByTestId('profile-name')).toHaveText(name);

  await page.getByRole('link', { name: 'Follow-ups' }).click();
  const today = page.getByTestId('follow-ups-today');
  await expect(today.getByTestId('follow-up-item')).toHaveCount(1);
  await expect(today).toContainText(name);
  await expect(today).toContainText('Talked about the zanzibar migration');
  await page.screenshot({ path: 'test-results/follow-ups.png', fullPage: true });
});

test('a note can be filtered by tag, pinned, and deleted after a confirm', async ({ webPage: page }) => {
  await page.getByRole('link', { name: 'Notes', exact: true }).click();
  await page.getByTestId('notes-search').fill('');
  await page.getByRole('combobox', { name: 'Tag' }).click();
  await page.getByRole('option', { name: 'platform (1)' }).click();
  await expect(page.getByTestId('note-result')).toHaveCount(1);
  await page.getByTestId('note-result-open').click();

  const item = page.getByTestId('note-item').first();
  await item.getByRole('button', { name: 'Edit' }).click();
  await page.getByTestId('note-editor').getByRole('switch', { name: 'Pin to the top' }).check();
  await page.getByTestId('note-save').click();
  await expect(item.getByText('Pinned')).toBeVisible();

  await item.getByRole('button', { name: 'Delete…' }).click();
  await item.getByRole('button', { name: 'Delete note' }).click();
  await expect(page.getByTestId('note-item')).toHaveCount(0);
  await expect(page.getByTestId('notes-card')).toContainText('No notes about');

  await page.getByRole('link', { name: 'Follow-ups' }).click();
  const empty = page.getByTestId('follow-ups-empty');
  await expect(empty).toContainText('Nothing due');
  await expect(empty).toContainText('Add a follow-up date to a note');
  await page.screenshot({ path: 'test-results/follow-ups-empty.png', fullPage: true });
});

test('logged interactions join the timeline by the day they happened, pinned notes first', async ({
  webPage: page,
}) => {
  await page.goBack();
  const card = page.getByTestId('notes-card');
  await expect(card).toContainText('No notes about');
  const day = (offset: number) => {
    const d = new Date();
    d.setDate(d.getDate() + offset);
    const pad = (n: number) => String(n).padStart(2, '0');
    return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
  };

  const log = async (type: string, on: string, text: string) => {
    await card.getByRole('button', { name: 'Log interaction' }).click();
    const editor = page.getByTestId('note-editor');
    await expect(editor.getByRole('radio', { name: 'Log an interaction' })).toBeChecked();
    await editor.getByRole('combobox', { name: 'Interaction' }).click();
    await page.getByRole('option', { name: type }).click();
    await expect(editor.getByLabel('Day', { exact: true })).toHaveValue(localToday());
    await editor.getByLabel('Day', { exact: true }).fill(on);
    await editor.getByLabel('Note', { exact: true }).fill(text);
    await page.getByTestId('note-save').click();
    await expect(editor).toBeHidden();
  };
  // A connection, so that logging an interaction moves its "last talked" day forward.
  await page.getByRole('button', { name: 'Add connection' }).click();
  await page.getByTestId('connection-editor').getByText('Worked with').click();
  await page.getByTestId('connection-save').click();
  await expect(page.getByTestId('connection-card').getByText('Worked with')).toBeVisible();

  await log('Coffee', day(-10), 'Coffee at the **Lyon** office.');
  await card.getByRole('button', { name: 'Add note' }).click();
  await page
    .getByTestId('note-editor')
    .getByLabel('Note', { exact: true })
    .fill('A plain note, written today.');
  await page.getByTestId('note-save').click();
  await log('Call', day(-3), 'Quick call about the roadmap.');

  const items = card.getByTestId('note-item');
  await expect(items).toHaveCount(3);
  await expect(items.nth(0)).toContainText('A plain note, written today.');
  await expect(items.nth(1).getByTestId('note-interaction')).toContainText('Call');
  await expect(items.nth(2).getByTestId('note-interaction')).toContainText('Coffee');
  await expect(items.nth(2).getByTestId('note-body').locator('strong')).toHaveText('Lyon');
  const callDay = await page.evaluate((iso) => {
    const [y, m, d] = iso.split('-').map(Number);
    return new Date(Date.UTC(y!, m! - 1, d!)).toLocaleDateString(undefined, {
      day: 'numeric',
      month: 'short',
      year: 'numeric',
      timeZone: 'UTC',
    });
  }, day(-3));
  await expect(page.getByTestId('connection-card')).toContainText(`last talked ${callDay}`);

  // Pinned goes first, whatever its day.
  await items.nth(2).getByRole('button', { name: 'Edit' }).click();
  await expect(
    page.getByTestId('note-editor').getByRole('radio', { name: 'Log an interaction' }),
  ).toBeChecked();
  await page.getByTestId('note-editor').getByRole('switch', { name: 'Pin to the top' }).check();
  await page.getByTestId('note-save').click();
  await expect(items.nth(0).getByTestId('note-interaction')).toContainText('Coffee');
  await expect(items.nth(0)).toContainText('Pinned');
  await card.scrollIntoViewIfNeeded();
  await page.screenshot({ path: 'test-results/profile-timeline.png', fullPage: true });
});
