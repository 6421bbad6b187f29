import { join } from 'node:path';
import { toLocalDay } from '#shared/local-day';
import { openDatabase } from '#shared/node/open-database';
import { openAColleague } from './support/colleague.ts';
import { expect, test } from './support/fixtures.ts';
import { tempDir } from './support/processes.ts';

/** Follow-ups, end to end: a keep-in-touch cadence makes a colleague due; logging an interaction moves it on. */
test.describe.configure({ mode: 'serial' });

const serverData = tempDir('kith-e2e-follow-ups-server-');
test.use({ spec: 'follow-ups', serverData, connections: false });
let name: string;

async function serverCadences(): Promise<(number | null)[]> {
  const db = await openDatabase<{ connections: { keep_in_touch_days: number | null } }>({
    file: join(serverData, 'kith-server.db'),
  });
  try {
    return (await db.selectFrom('connections').select('keep_in_touch_days').execute()).map(
      (r) => r.keep_in_touch_days,
    );
  } finally {
    await db.destroy();
  }
}

test('a weekly cadence with the last interaction 10 days ago is overdue on Follow-ups', async ({
  webPage: page,
  web,
}) => {
  name = await openAColleague(page, web.url);
  await page.getByRole('button', { name: 'Add connection' }).click();
  const editor = page.getByTestId('connection-editor');
  await editor.getByText('Worked with').click();
  await editor.getByLabel('Last interaction').fill(toLocalDay(Date.now(), -10));
  await editor.getByRole('combobox', { name: 'Keep in touch' }).click();
  await page.getByRole('option', { name: 'Every week (7 days)' }).click();
  await page.screenshot({ path: 'test-results/keep-in-touch-editor.png', fullPage: true });
  await page.getByTestId('connection-save').click();

  await expect(page.getByTestId('keep-in-touch-status')).toHaveText('Every 7 days · overdue by 3 days');
  await expect.poll(serverCadences, { timeout: 15_000 }).toEqual([7]);

  await page.getByRole('link', { name: 'My network' }).click();
  await page.getByTestId('network-tab-connections').click();
  await expect(page.getByTestId('network-row')).toHaveCount(1);
  await expect(page.getByTestId('keep-in-touch-badge')).toHaveText(/overdue by 3 days/i);
  await page.screenshot({ path: 'test-results/network-keep-in-touch.png', fullPage: true });

  await page.getByRole('link', { name: 'Follow-ups' }).click();
  const overdue = page.getByTestId('follow-ups-overdue');
  const item = overdue.getByTestId('follow-up-item');
  await expect(item).toHaveCount(1);
  await expect(item).toHaveAttribute('data-kind', 'keep_in_touch');
  await expect(item).toContainText(name);
  await expect(item).toContainText('Keep in touch every 7 days');
  await expect(item).toContainText(/overdue by 3 days/i);
  await expect(page.getByTestId('follow-ups-total')).toContainText('1 follow-up');
  await page.screenshot({ path: 'test-results/follow-ups-keep-in-touch.png', fullPage: true });
});

test('"Log interaction today" moves the reminder a week ahead, out of Overdue', async ({ webPage: page }) => {
  await page.getByTestId('log-interaction-today').click();
  await expect(page.getByTestId('follow-ups-overdue')).toHaveCount(0);
  const thisWeek = page.getByTestId('follow-ups-thisWeek');
  await expect(thisWeek.getByTestId('follow-up-item')).toContainText(name);
  await expect(thisWeek.getByTestId('follow-up-item')).toContainText('Last interaction');
  await expect(thisWeek.getByTestId('follow-up-item')).toContainText('Talked today');

  await page.getByTestId('follow-up-item').getByRole('link').click();
  await expect(page.getByTestId('keep-in-touch-status')).toContainText('Every 7 days · next due');
  await page.screenshot({ path: 'test-results/connection-keep-in-touch.png', fullPage: true });
});

test('a note due today shows next to the reminders; turning the cadence off leaves only the note', async ({
  webPage: page,
}) => {
  await page.getByRole('button', { name: 'Add note' }).click();
  const noteEditor = page.getByTestId('note-editor');
  await noteEditor.getByLabel('Note', { exact: true }).fill('Ask about the **platform** roadmap');
  await noteEditor.getByLabel('Follow up on').fill(toLocalDay(Date.now()));
  await page.getByTestId('note-save').click();
  await expect(page.getByTestId('note-item')).toHaveCount(1);

  await page.getByRole('link', { name: 'Follow-ups' }).click();
  const today = page.getByTestId('follow-ups-today');
  await expect(today.getByTestId('follow-up-item')).toHaveCount(1);
  await expect(today.getByTestId('follow-up-item')).toHaveAttribute('data-kind', 'note');
  await expect(today).toContainText('Ask about the platform roadmap');
  await expect(page.getByTestId('follow-ups-thisWeek').getByTestId('follow-up-item')).toHaveAttribute(
    'data-kind',
    'keep_in_touch',
  );
  await page.screenshot({ path: 'test-results/follow-ups-mixed.png', fullPage: true });

  await today.getByRole('link').click();
  await page.getByRole('button', { name: 'Edit' }).first().click();
  await page.getByTestId('connection-editor').getByRole('combobox', { name: 'Keep in touch' }).click();
  await page.getByRole('option', { name: 'Off' }).click();
  await page.getByTestId('connection-save').click();
  await expect(page.getByTestId('keep-in-touch-status')).toHaveCount(0);
  await page.getByRole('link', { name: 'Follow-ups' }).click();
  await expect(page.getByTestId('follow-up-item')).toHaveCount(1);
  await expect(page.getByTestId('follow-ups-thisWeek')).toHaveCount(0);
  await expect.poll(serverCadences, { timeout: 15_000 }).toEqual([null]);
});
