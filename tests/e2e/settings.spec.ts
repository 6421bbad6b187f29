import type { Locator, Page, WebSocketRoute } from '@playwright/test';
import type { AppSettings, SettingsView } from '#shared/domain/settings';
import type { IpcResult } from '#shared/ipc/result';
import { expect, test } from './support/fixtures.ts';
import type { RunningProcess } from './support/processes.ts';

/**
 * The Settings screen end to end, in the web host against the real core: it opens from the rail; quiet
 * hours and pause save at once and persist in the core (a reload shows them), bad quiet hours are refused
 * with a reason and change nothing, a pause made in one window shows in another; muting a community from
 * Settings shows on its page and back; what the web host cannot do (start at login, the tray, updates) is
 * disabled and says why.
 */
test.describe.configure({ mode: 'serial' });
test.use({ spec: 'settings', webPageOptions: { colorScheme: 'light' } });

/** What the core holds now, read through the same bridge the page uses. */
async function readSettings(target: Page): Promise<AppSettings> {
  const result = await target.evaluate(async () => {
    // The tests' tsconfig has no DOM types: the bridge as the web host installs it.
    const api = (globalThis as unknown as { api: { settings: { get(): Promise<unknown> } } }).api;
    return (await api.settings.get()) as IpcResult<SettingsView>;
  });
  if (!result.ok) throw new Error(`settings.get: ${result.error.message}`);
  return result.value.settings;
}

/** Flips a Mantine switch the way a person does, by its track (the input itself sits under the track). */
async function setSwitch(toggle: Locator, on: boolean): Promise<void> {
  if ((await toggle.isChecked()) !== on) await toggle.locator('xpath=..').click();
  await expect(toggle).toBeChecked({ checked: on });
}

/** A time of day as the page's locale writes it ("08:00 AM" in en-US). */
function timeOfDay(target: Page, timestamp: number): Promise<string> {
  return target.evaluate(
    (t) => new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' }).format(t),
    timestamp,
  );
}

async function openSettings(target: Page, host: RunningProcess): Promise<void> {
  await target.goto(`${host.url}#/settings`);
  await expect(target.getByTestId('settings-notifications')).toBeVisible({ timeout: 30_000 });
}

test('Settings opens from the rail and says what the web host cannot do', async ({
  webPage: page,
  web: host,
  server,
}) => {
  await page.goto(host.url);
  await expect(page.getByTestId('home')).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId('sync-status')).toContainText('Synced', { timeout: 60_000 });
  const me = (await page.getByTestId('account-menu').locator('p').first().innerText()).trim();

  await page
    .getByRole('navigation', { name: 'Main navigation' })
    .getByRole('link', { name: 'Settings' })
    .click();
  await expect(page).toHaveURL(/#\/settings$/);
  await expect(page.getByRole('heading', { name: 'Settings', level: 1 })).toBeVisible();

  // Server and account: the demo organization, its address, the sync status; who is signed in.
  const serverSection = page.getByTestId('settings-server');
  await expect(serverSection).toContainText('Demo organization');
  await expect(serverSection.getByTestId('settings-server-url')).toHaveText(new URL(server.url).origin);
  await expect(serverSection.getByTestId('settings-sync-status')).toContainText('Synced');
  await serverSection.getByRole('button', { name: 'Sync now' }).click();
  await expect(serverSection.getByTestId('settings-sync-status')).toContainText('Synced', {
    timeout: 30_000,
  });
  await expect(page.getByTestId('settings-account-name')).toHaveText(me);

  // Desktop: neither start at login nor the tray exists in a browser tab.
  const desktop = page.getByTestId('settings-desktop');
  for (const name of ['Start Kith when you log in', 'Keep Kith running in the tray when its window closes']) {
    const toggle = desktop.getByRole('switch', { name });
    await expect(toggle).toBeDisabled();
    await expect(toggle).not.toBeChecked();
  }
  await expect(desktop.getByTestId('settings-start-at-login')).toContainText('Available in the desktop app');
  await expect(desktop.getByTestId('settings-close-to-tray')).toContainText('Available in the desktop app');

  // Updates: off, with the reason, and no way to check.
  const updates = page.getByTestId('settings-updates');
  await expect(updates.getByTestId('update-status-title')).toHaveText('Automatic updates are off');
  await expect(updates.getByTestId('update-status-detail')).not.toBeEmpty();
  await expect(updates.getByRole('button', { name: 'Check for updates' })).toBeDisabled();
  await expect(page.getByTestId('update-banner')).toHaveCount(0);

  // The screen scrolls inside the window: a tall window shows all of it in one picture.
  await page.setViewportSize({ width: 1280, height: 2000 });
  await page.waitForFunction('window.innerHeight === 2000');
  await page.evaluate('new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))');
  await page.screenshot({ path: 'test-results/settings-light.png' });
  await page.setViewportSize({ width: 1280, height: 800 });
});

test('quiet hours save at once and persist in the core; start = end is refused and changes nothing', async ({
  webPage: page,
  web: host,
}) => {
  await openSettings(page, host);
  const row = page.getByTestId('settings-quiet-hours');
  const toggle = row.getByRole('switch', { name: 'Quiet hours' });
  await expect(toggle).not.toBeChecked();
  expect((await readSettings(page)).quietHours).toBeNull();

  // Switched on: a night, 22:00 to 07:00, until changed.
  await setSwitch(toggle, true);
  await expect(row.getByTestId('settings-quiet-start')).toHaveValue('22:00');
  await expect(row.getByTestId('settings-quiet-end')).toHaveValue('07:00');
  await expect.poll(async () => (await readSettings(page)).quietHours).toEqual({ start: 1320, end: 420 });
  await row.getByTestId('settings-quiet-start').fill('21:30');
  await expect(row.getByTestId('settings-quiet-summary')).toHaveText('9 h 30 min, overnight');
  await expect.poll(async () => (await readSettings(page)).quietHours).toEqual({ start: 1290, end: 420 });

  await page.reload();
  await expect(row.getByRole('switch', { name: 'Quiet hours' })).toBeChecked({ timeout: 30_000 });
  await expect(row.getByTestId('settings-quiet-start')).toHaveValue('21:30');
  await expect(row.getByTestId('settings-quiet-end')).toHaveValue('07:00');

  // The same time twice: the reason beside the inputs, nothing saved.
  await row.getByTestId('settings-quiet-end').fill('21:30');
  await expect(row.getByTestId('settings-quiet-hours-error')).toHaveText(
    'Quiet hours must start and end at different times',
  );
  await expect(row.getByTestId('settings-quiet-end')).toHaveValue('21:30');
  await page.screenshot({ path: 'test-results/settings-quiet-hours-error.png' });
  expect((await readSettings(page)).quietHours).toEqual({ start: 1290, end: 420 });
  await page.reload();
  await expect(row.getByTestId('settings-quiet-end')).toHaveValue('07:00', { timeout: 30_000 });
  await expect(row.getByTestId('settings-quiet-hours-error')).toHaveCount(0);

  // Midday quiet hours are fine too; then off again.
  await row.getByTestId('settings-quiet-start').fill('12:00');
  await row.getByTestId('settings-quiet-end').fill('13:00');
  await expect(row.getByTestId('settings-quiet-summary')).toHaveText('1 h');
  await expect.poll(async () => (await readSettings(page)).quietHours).toEqual({ start: 720, end: 780 });
  await setSwitch(row.getByRole('switch', { name: 'Quiet hours' }), false);
  await expect(row.getByTestId('settings-quiet-start')).toHaveCount(0);
  await expect.poll(async () => (await readSettings(page)).quietHours).toBeNull();
});

test('pause for an hour shows "Paused until", in this window and another; resume', async ({
  browser,
  webPage: page,
  web: host,
}) => {
  await openSettings(page, host);
  const other = await browser.newPage();
  try {
    await openSettings(other, host);
    const row = page.getByTestId('settings-pause');
    await expect(row).toContainText('Notifications are on');

    const before = Date.now();
    await row.getByRole('button', { name: 'Pause…' }).click();
    await page.getByRole('menuitem', { name: 'For 1 hour' }).click();
    await expect.poll(async () => (await readSettings(page)).pausedUntil).not.toBeNull();
    const saved = (await readSettings(page)).pausedUntil ?? 0;
    expect(saved - before).toBeGreaterThanOrEqual(60 * 60 * 1000);
    expect(saved - Date.now()).toBeLessThanOrEqual(60 * 60 * 1000);
    // An hour's pause started after 23:00 ends tomorrow, and says so.
    const endsTomorrow = await page.evaluate(
      (t) => new Date(t).toDateString() !== new Date().toDateString(),
      saved,
    );
    await expect(row.getByTestId('settings-paused-until')).toHaveText(
      `Paused until ${endsTomorrow ? 'tomorrow, ' : ''}${await timeOfDay(page, saved)}`,
    );
    await page.screenshot({ path: 'test-results/settings-paused.png' });

    // Another window (or the tray) hears of it through settings.changed, without a reload.
    await expect(other.getByTestId('settings-paused-until')).toHaveText(/^Paused until/);

    await row.getByRole('button', { name: 'Resume' }).click();
    await expect(row).toContainText('Notifications are on');
    await expect(row.getByTestId('settings-paused-until')).toHaveCount(0);
    await expect.poll(async () => (await readSettings(page)).pausedUntil).toBeNull();
    await expect(other.getByTestId('settings-pause')).toContainText('Notifications are on');

    // Until tomorrow morning, then resumed from the other window.
    await row.getByRole('button', { name: 'Pause…' }).click();
    await page.getByRole('menuitem', { name: /^Until tomorrow/ }).click();
    const tomorrow = new Date();
    tomorrow.setDate(tomorrow.getDate() + 1);
    tomorrow.setHours(8, 0, 0, 0);
    await expect(row.getByTestId('settings-paused-until')).toHaveText(
      `Paused until tomorrow, ${await timeOfDay(page, tomorrow.getTime())}`,
    );
    await expect.poll(async () => (await readSettings(page)).pausedUntil).toBe(tomorrow.getTime());
    await other.getByTestId('settings-pause').getByRole('button', { name: 'Resume' }).click();
    await expect(row).toContainText('Notifications are on');
  } finally {
    await other.close();
  }
});

test('muting a community in Settings shows on its page, and unmuting there shows in Settings', async ({
  webPage: page,
  web: host,
}) => {
  await openSettings(page, host);
  const rows = page.getByTestId('settings-community');
  await expect(rows.first()).toBeVisible();
  const row = rows.first();
  const name = (await row.getByRole('link').innerText()).trim();
  const mute = row.getByRole('switch', { name: `Mute ${name}` });
  // The demo org seeds some preferences: flip whatever this one is.
  const wasMuted = await mute.isChecked();
  await setSwitch(mute, !wasMuted);
  if (!wasMuted) await expect(row).toContainText('Muted');

  await row.getByRole('link', { name }).click();
  await expect(page.getByTestId('community-title')).toHaveText(name);
  await page.getByTestId('community-more').click();
  const toggleMute = page.getByRole('menuitem', {
    name: wasMuted ? 'Mute notifications' : 'Unmute notifications',
  });
  await expect(toggleMute).toBeVisible();
  await toggleMute.click();

  await page.getByRole('link', { name: 'Settings' }).click();
  const again = page.getByTestId('settings-community').filter({ hasText: name });
  await expect(again.getByRole('switch', { name: `Mute ${name}` })).toBeChecked({ checked: wasMuted });

  // Follow goes both ways the same way.
  const follow = again.getByRole('switch', { name: `Follow ${name}` });
  const followed = await follow.isChecked();
  await setSwitch(follow, !followed);
  await again.getByRole('link', { name }).click();
  await expect(page.getByTestId('community-follow')).toHaveText(followed ? 'Follow' : 'Following');
  await page.getByTestId('community-follow').click();
  await page.getByRole('link', { name: 'Settings' }).click();
  await expect(
    page
      .getByTestId('settings-community')
      .filter({ hasText: name })
      .getByRole('switch', { name: `Follow ${name}` }),
  ).toBeChecked({ checked: followed });
});

test('an update ready shows the banner until dismissed; a deep link opens its route', async ({
  browser,
  web: host,
}) => {
  // The web host never downloads an update, and nothing in it clicks a notification: these two events are
  // pushed into the page's bridge socket as the core would send them; every call still reaches the real core.
  const other = await browser.newPage();
  try {
    let bridge: WebSocketRoute | null = null;
    await other.routeWebSocket(/\/ws\?token=/, (ws) => {
      ws.connectToServer();
      bridge = ws;
    });
    const push = async (event: string, payload: unknown) => {
      await expect.poll(() => bridge !== null).toBe(true);
      bridge?.send(JSON.stringify({ event, payload }));
    };
    await other.goto(`${host.url}#/home`);
    await expect(other.getByTestId('home')).toBeVisible({ timeout: 30_000 });
    await expect(other.getByTestId('update-banner')).toHaveCount(0);

    await push('updates.status', { state: 'ready', version: '1.4.0' });
    const banner = other.getByTestId('update-banner');
    await expect(banner).toContainText('Kith 1.4.0 is ready');
    await other.screenshot({ path: 'test-results/update-banner.png' });
    // The real core has no update to install: it refuses, and the banner says why.
    await banner.getByRole('button', { name: 'Restart to update' }).click();
    await expect(banner).toContainText('No update is ready to install');

    // A notification or the tray asks for Settings: the page goes there; Settings offers the restart too.
    await push('app.navigate', { route: '/settings' });
    await expect(other).toHaveURL(/#\/settings$/);
    const updates = other.getByTestId('settings-updates');
    await expect(updates.getByTestId('update-status-title')).toHaveText('Kith 1.4.0 is ready to install');
    await expect(updates.getByRole('button', { name: 'Restart to update' })).toBeEnabled();

    await banner.getByRole('button', { name: 'Dismiss until Kith restarts' }).click();
    await expect(banner).toHaveCount(0);
    await other.getByRole('link', { name: 'Home' }).click();
    await expect(other.getByTestId('home')).toBeVisible();
    await expect(banner).toHaveCount(0);
  } finally {
    await other.close();
  }
});

test('the update channel saves at once; signing out from Settings asks first', async ({
  webPage: page,
  web: host,
}) => {
  await openSettings(page, host);
  const channel = page.getByTestId('settings-update-channel');
  await channel.getByText('Beta', { exact: true }).click();
  await expect.poll(async () => (await readSettings(page)).updateChannel).toBe('beta');
  await page.reload();
  await expect(channel.getByRole('radio', { name: 'Beta' })).toBeChecked({ timeout: 30_000 });
  await channel.getByText('Stable', { exact: true }).click();
  await expect.poll(async () => (await readSettings(page)).updateChannel).toBe('stable');

  const account = page.getByTestId('settings-account');
  await account.getByRole('button', { name: 'Sign out…' }).click();
  await expect(account).toContainText('The copy of the directory on this computer is removed');
  await account.getByRole('button', { name: 'Cancel' }).click();
  await expect(account.getByTestId('sign-out-confirm')).toHaveCount(0);
  await account.getByRole('button', { name: 'Sign out…' }).click();
  await account.getByRole('button', { name: 'Sign out', exact: true }).click();
  await expect(page.getByTestId('welcome')).toBeVisible({ timeout: 30_000 });
});
