import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { openDatabase } from '#shared/node/open-database';
import { openAColleague } from './support/colleague.ts';
import { expect, test, type DemoServer } from './support/fixtures.ts';
import { tempDir } from './support/processes.ts';
import { syncNow } from './support/sync-and-account.ts';

/**
 * Notes across two devices, end to end: a passphrase set up on one, a note written there while the server
 * is down, the other device (a second web host, signed in as the same demo person) unlocking it with the
 * passphrase after a wrong try, and the same note edited on both while offline kept twice, then merged.
 */
test.describe.configure({ mode: 'serial' });

const PASSPHRASE = 'lantern ferry orchard 42';
const OFFLINE_TEXT = 'Written on a plane: wants to join the **zanzibar** guild.';

const serverData = tempDir('kith-e2e-notes-sync-server-');
test.use({ spec: 'notes-sync', serverData });
/** The colleague's profile, as a hash route both devices can open. */
let personRoute = '';

interface ServerNotesDb {
  notes: { id: string; ciphertext: string | null; deleted: number };
}

/** The server's live notes, as it stores them: ciphertext only. */
async function serverNotes(): Promise<{ id: string; ciphertext: string }[]> {
  const db = await openDatabase<ServerNotesDb>({ file: join(serverData, 'kith-server.db') });
  try {
    const rows = await db.selectFrom('notes').select(['id', 'ciphertext']).where('deleted', '=', 0).execute();
    return rows.map((r) => ({ id: r.id, ciphertext: r.ciphertext ?? '' }));
  } finally {
    await db.destroy();
  }
}

/** Opens the colleague's profile on a device whose directory has synced. */
async function openPerson(page: Page, webUrl: string): Promise<void> {
  await page.goto(`${webUrl}#/people`);
  await expect(page.getByTestId('directory-row').first()).toBeVisible({ timeout: 60_000 });
  await page.goto(`${webUrl}${personRoute}`);
  await expect(page.getByTestId('notes-card')).toBeVisible();
}

test('a passphrase set up on one device; a note written offline reaches the server encrypted', async ({
  webPage: laptopPage,
  web: laptop,
  server,
}) => {
  await openAColleague(laptopPage, laptop.url);
  personRoute = new URL(laptopPage.url()).hash;
  const card = laptopPage.getByTestId('notes-card');
  await expect(card.getByTestId('notes-privacy')).toContainText('Notes stay on this computer only');

  await card.getByRole('button', { name: 'Set up a passphrase…' }).click();
  const setup = laptopPage.getByTestId('encryption-setup');
  await expect(setup.getByTestId('passphrase-warning')).toContainText(
    'Nobody can recover a forgotten passphrase',
  );
  await setup.getByLabel('Passphrase', { exact: true }).fill('too short');
  await setup.getByLabel('Passphrase again').fill('too short');
  await setup.getByTestId('encryption-setup-submit').click();
  await expect(setup).toContainText('A passphrase needs at least 10 characters');
  await setup.getByLabel('Passphrase', { exact: true }).fill(PASSPHRASE);
  await setup.getByLabel('Passphrase again').fill(`${PASSPHRASE}!`);
  await setup.getByTestId('encryption-setup-submit').click();
  await expect(setup).toContainText('The two passphrases differ');
  await setup.getByLabel('Passphrase again').fill(PASSPHRASE);
  await expect(setup.getByTestId('passphrase-strength')).toContainText('strong');
  await laptopPage.screenshot({ path: 'test-results/notes-encryption-setup.png' });
  await setup.getByTestId('encryption-setup-submit').click();
  await expect(laptopPage.getByTestId('encryption-done')).toBeVisible();
  await laptopPage.getByRole('button', { name: 'Done' }).click();
  await expect(card.getByTestId('notes-encrypted')).toContainText('End-to-end encrypted');

  // The server goes down; the note is written anyway, and waits.
  await server.kill();
  await card.getByRole('button', { name: 'Add note' }).click();
  await laptopPage.getByTestId('note-editor').getByLabel('Note', { exact: true }).fill(OFFLINE_TEXT);
  await laptopPage.getByTestId('note-save').click();
  await expect(card.getByTestId('note-body').first().locator('strong')).toHaveText('zanzibar');
  await laptopPage.getByRole('button', { name: 'Sync now' }).click();
  await expect(laptopPage.getByTestId('sync-status')).toContainText('Offline');
  await expect(card.getByTestId('notes-encrypted')).toContainText('1 note waiting to sync');

  await server.restart();
  await syncNow(laptopPage);
  await expect(card.getByTestId('notes-encrypted')).not.toContainText('waiting to sync', { timeout: 15_000 });
  await expect.poll(async () => (await serverNotes()).length, { timeout: 15_000 }).toBe(1);
  const [stored] = await serverNotes();
  expect(stored?.ciphertext).not.toContain('zanzibar');
  expect(stored?.ciphertext).not.toContain('plane');
  await card.scrollIntoViewIfNeeded();
  await laptopPage.screenshot({ path: 'test-results/notes-encrypted-card.png', fullPage: true });
});

test('another device: locked until the passphrase; a wrong one is refused and changes nothing', async ({
  webPage: laptopPage,
  secondPage: desktopPage,
  secondWeb: desktop,
}) => {
  await openPerson(desktopPage, desktop.url);
  // The same demo person, signed in on a second computer.
  const who = (page: Page) => page.getByTestId('account-menu').innerText();
  expect(await who(desktopPage)).toBe(await who(laptopPage));
  const card = desktopPage.getByTestId('notes-card');
  await syncNow(desktopPage);
  await expect(card.getByTestId('notes-locked')).toContainText('One note from your other devices is locked');
  await expect(card.getByTestId('note-item')).toHaveCount(0);
  await desktopPage.screenshot({ path: 'test-results/notes-locked.png', fullPage: true });

  await card.getByRole('button', { name: 'Enter passphrase…' }).click();
  const unlock = desktopPage.getByTestId('encryption-unlock');
  await unlock.getByTestId('unlock-passphrase').fill('not the passphrase');
  await unlock.getByTestId('encryption-unlock-submit').click();
  await expect(unlock).toContainText('Wrong passphrase');
  await expect(unlock).toBeVisible();
  await desktopPage.screenshot({ path: 'test-results/notes-unlock-wrong.png' });

  // Still locked: the modal closed, nothing else moved.
  await unlock.getByRole('button', { name: 'Cancel' }).click();
  await expect(card.getByTestId('notes-locked')).toBeVisible();
  await expect(card.getByTestId('note-item')).toHaveCount(0);

  await card.getByRole('button', { name: 'Enter passphrase…' }).click();
  await unlock.getByTestId('unlock-passphrase').fill(PASSPHRASE);
  await unlock.getByTestId('encryption-unlock-submit').click();
  await expect(desktopPage.getByTestId('encryption-done')).toBeVisible();
  await desktopPage.getByRole('button', { name: 'Done' }).click();
  await expect(card.getByTestId('note-body').first().locator('strong')).toHaveText('zanzibar');
  await expect(card.getByTestId('notes-encrypted')).toBeVisible();
  await expect(card.getByTestId('notes-locked')).toHaveCount(0);
  await desktopPage.screenshot({ path: 'test-results/notes-unlocked.png', fullPage: true });

  // The account menu says where things stand too.
  await desktopPage.getByTestId('account-menu').click();
  await desktopPage.getByRole('menuitem', { name: 'Notes encryption…' }).click();
  await expect(desktopPage.getByTestId('encryption-ready')).toContainText('end-to-end encrypted');
  await desktopPage.getByTestId('encryption-ready').getByRole('button', { name: 'Close' }).click();
  await expect(desktopPage.getByTestId('encryption-ready')).toBeHidden();
});

/** Edits the timeline's first note on both devices while the server is down, then syncs both. */
async function editOnBothOffline(
  { server, laptopPage, desktopPage }: { server: DemoServer; laptopPage: Page; desktopPage: Page },
  laptopText: string,
  desktopText: string,
): Promise<void> {
  await syncNow(laptopPage);
  await syncNow(desktopPage);
  await server.kill();
  for (const [page, text] of [
    [laptopPage, laptopText],
    [desktopPage, desktopText],
  ] as const) {
    const card = page.getByTestId('notes-card');
    await card.getByTestId('note-item').first().getByRole('button', { name: 'Edit' }).click();
    await page.getByTestId('note-editor').getByLabel('Note', { exact: true }).fill(text);
    await page.getByTestId('note-save').click();
    await expect(card.getByTestId('note-body').first()).toContainText(text);
  }
  await server.restart();
  await syncNow(laptopPage);
  await syncNow(desktopPage);
  await syncNow(laptopPage);
}

test('the same note edited on both devices while offline keeps both texts, and merges in one go', async ({
  webPage: laptopPage,
  secondPage: desktopPage,
  server,
}) => {
  const laptopCard = laptopPage.getByTestId('notes-card');
  const desktopCard = desktopPage.getByTestId('notes-card');
  await editOnBothOffline(
    { server, laptopPage, desktopPage },
    'Laptop: prefers mornings.',
    'Desktop: moving to Lyon in spring.',
  );

  // Whichever device pushed second holds the conflict copy once it pulls; both end up with it.
  for (const card of [desktopCard, laptopCard]) {
    const conflict = card.getByTestId('note-conflict');
    await expect(conflict).toBeVisible({ timeout: 15_000 });
    await expect(conflict).toContainText('Edited on two devices');
    await expect(
      conflict.getByTestId('conflict-current').or(conflict.getByTestId('conflict-copy')),
    ).toHaveCount(2);
    await expect(conflict).toContainText('Laptop: prefers mornings.');
    await expect(conflict).toContainText('Desktop: moving to Lyon in spring.');
  }
  await desktopCard.scrollIntoViewIfNeeded();
  await desktopPage.screenshot({ path: 'test-results/notes-conflict.png', fullPage: true });

  await desktopCard.getByTestId('conflict-merge').click();
  const editor = desktopPage.getByTestId('note-editor');
  await expect(editor.getByTestId('merge-notice')).toBeVisible();
  const merged = await editor.getByLabel('Note', { exact: true }).inputValue();
  expect(merged).toContain('Laptop: prefers mornings.');
  expect(merged).toContain('Desktop: moving to Lyon in spring.');
  await desktopPage.screenshot({ path: 'test-results/notes-merge-editor.png' });
  await editor.getByLabel('Note', { exact: true }).fill('Prefers mornings. Moving to Lyon in spring.');
  await desktopPage.getByRole('button', { name: 'Save and delete the copy' }).click();
  await expect(desktopCard.getByTestId('note-conflict')).toHaveCount(0);
  await expect(desktopCard.getByTestId('note-item')).toHaveCount(1);
  await expect(desktopCard.getByTestId('note-body')).toHaveText(
    'Prefers mornings. Moving to Lyon in spring.',
  );

  await syncNow(desktopPage);
  await syncNow(laptopPage);
  await expect(laptopCard.getByTestId('note-conflict')).toHaveCount(0, { timeout: 15_000 });
  await expect(laptopCard.getByTestId('note-body')).toHaveText('Prefers mornings. Moving to Lyon in spring.');
  await expect.poll(async () => (await serverNotes()).length, { timeout: 15_000 }).toBe(1);
});

test('a conflict settles by keeping one version after a confirm, or by keeping both as two notes', async ({
  webPage: laptopPage,
  secondPage: desktopPage,
  server,
}) => {
  const laptopCard = laptopPage.getByTestId('notes-card');
  const desktopCard = desktopPage.getByTestId('notes-card');
  await editOnBothOffline(
    { server, laptopPage, desktopPage },
    'Laptop text, round two.',
    'Desktop text, round two.',
  );
  const conflict = desktopCard.getByTestId('note-conflict');
  await expect(conflict).toBeVisible({ timeout: 15_000 });

  // Keeping the other version asks first, since the current text would be lost; Cancel changes nothing.
  const other = conflict.getByTestId('conflict-copy');
  const otherText = (await other.getByTestId('conflict-body').innerText()).trim();
  await other.getByRole('button', { name: 'Keep this version' }).click();
  await expect(other).toContainText('The current text is lost');
  await other.getByRole('button', { name: 'Cancel' }).click();
  await expect(other.getByRole('button', { name: 'Replace' })).toHaveCount(0);
  await other.getByRole('button', { name: 'Keep this version' }).click();
  await other.getByRole('button', { name: 'Replace' }).click();
  await expect(conflict).toHaveCount(0);
  await expect(desktopCard.getByTestId('note-item')).toHaveCount(1);
  await expect(desktopCard.getByTestId('note-body')).toHaveText(otherText);
  await syncNow(desktopPage);
  await syncNow(laptopPage);
  await expect(laptopCard.getByTestId('note-conflict')).toHaveCount(0, { timeout: 15_000 });
  await expect(laptopCard.getByTestId('note-body')).toHaveText(otherText);

  // Keep both: one click, the copy becomes a note of its own, nothing is deleted.
  await editOnBothOffline(
    { server, laptopPage, desktopPage },
    'Laptop text, round three.',
    'Desktop text, round three.',
  );
  await expect(conflict).toBeVisible({ timeout: 15_000 });
  await conflict.getByTestId('conflict-keep-both').click();
  await expect(conflict).toHaveCount(0);
  await expect(desktopCard.getByTestId('note-item')).toHaveCount(2);
  await expect(desktopCard).toContainText('Laptop text, round three.');
  await expect(desktopCard).toContainText('Desktop text, round three.');
  await syncNow(desktopPage);
  await syncNow(laptopPage);
  await expect(laptopCard.getByTestId('note-item')).toHaveCount(2, { timeout: 15_000 });
  await expect(laptopCard.getByTestId('note-conflict')).toHaveCount(0);
  await expect.poll(async () => (await serverNotes()).length, { timeout: 15_000 }).toBe(2);
});
