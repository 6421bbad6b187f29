import { join } from 'node:path';
import { openDatabase } from '#shared/node/open-database';
import { openAColleague } from './support/colleague.ts';
import { expect, test } from './support/fixtures.ts';
import { tempDir } from './support/processes.ts';

/** Connections, end to end: written on a profile, listed in My network, saved offline and synced later. */
test.describe.configure({ mode: 'serial' });

const serverData = tempDir('kith-e2e-network-server-');
test.use({ spec: 'network', serverData });
/** The colleague the first test connects with. */
let name = '';

async function serverHowMet(): Promise<string[]> {
  const db = await openDatabase<{ connections: { how_met: string } }>({
    file: join(serverData, 'kith-server.db'),
  });
  try {
    return (await db.selectFrom('connections').select('how_met').execute()).map((r) => r.how_met);
  } finally {
    await db.destroy();
  }
}

test('a connection added on a profile shows in My network', async ({ webPage: page, web }) => {
  name = await openAColleague(page, web.url);
  await page.getByRole('button', { name: 'Add connection' }).click();
  const editor = page.getByTestId('connection-editor');
  await editor.getByText('Worked with').click();
  await editor.getByLabel('How you met').fill('Platform guild, Lyon 2024');
  await editor.getByText('Shared', { exact: true }).click();
  await page.screenshot({ path: 'test-results/connection-editor.png', fullPage: true });
  await page.getByTestId('connection-save').click();

  const card = page.getByTestId('connection-card');
  await expect(card.getByText('Worked with')).toBeVisible();
  await expect(card.getByText('Platform guild, Lyon 2024')).toBeVisible();
  await expect(card.getByText('Shared')).toBeVisible();
  await page.screenshot({ path: 'test-results/profile-connection.png', fullPage: true });

  await page.getByRole('link', { name: 'My network' }).click();
  await page.getByTestId('network-tab-connections').click();
  // The demo user may already have connections of their own: look for this one.
  await expect(page.getByTestId('network-row').filter({ hasText: name })).toHaveCount(1);
  await page.screenshot({ path: 'test-results/network.png', fullPage: true });
  await expect.poll(serverHowMet, { timeout: 15_000 }).toContain('Platform guild, Lyon 2024');
});

test('a connection edited while the server is down reaches it once it is back', async ({
  webPage: page,
  server,
}) => {
  await server.kill();
  await page.getByTestId('network-row').filter({ hasText: name }).getByRole('link').click();
  await page.getByRole('button', { name: 'Edit' }).click();
  await page.getByTestId('connection-editor').getByLabel('How you met').fill('Written on a plane');
  await page.getByTestId('connection-save').click();
  await expect(page.getByTestId('connection-card').getByText('Written on a plane')).toBeVisible();
  await page.getByRole('button', { name: 'Sync now' }).click();
  await expect(page.getByTestId('sync-status')).toContainText('Offline');

  await server.restart();
  await page.getByRole('button', { name: 'Sync now' }).click();
  await expect(page.getByTestId('sync-status')).toContainText('Synced', { timeout: 30_000 });
  await expect.poll(serverHowMet, { timeout: 15_000 }).toContain('Written on a plane');
  expect(await serverHowMet()).not.toContain('Platform guild, Lyon 2024');
  await page.screenshot({ path: 'test-results/connection-synced.png', fullPage: true });
});
