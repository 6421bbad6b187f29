import { openAColleague } from './support/colleague.ts';
import { expect, test } from './support/fixtures.ts';
import { syncNow } from './support/sync-and-account.ts';

/**
 * Changing the notes passphrase from the account menu on a device that syncs notes: a wrong current one is
 * refused, then the change; a new device (a second web host, the same demo person) then unlocks with the new
 * passphrase and not the old one.
 */
test.describe.configure({ mode: 'serial' });
test.use({ spec: 'notes-passphrase-change' });

const OLD_PASSPHRASE = 'lantern ferry orchard 42';
const NEW_PASSPHRASE = 'copper kettle meadow 77';
const NOTE_TEXT = 'Asked about the **marigold** migration.';

let personRoute = '';

test('changes the passphrase from the account menu; a wrong current one changes nothing', async ({
  webPage: laptopPage,
  web: laptop,
}) => {
  await openAColleague(laptopPage, laptop.url);
  personRoute = new URL(laptopPage.url()).hash;
  const card = laptopPage.getByTestId('notes-card');
  await card.getByRole('button', { name: 'Set up a passphrase…' }).click();
  const setup = laptopPage.getByTestId('encryption-setup');
  await setup.getByLabel('Passphrase', { exact: true }).fill(OLD_PASSPHRASE);
  await setup.getByLabel('Passphrase again').fill(OLD_PASSPHRASE);
  await setup.getByTestId('encryption-setup-submit').click();
  await laptopPage.getByTestId('encryption-done').getByRole('button', { name: 'Done' }).click();
  await card.getByRole('button', { name: 'Add note' }).click();
  await laptopPage.getByTestId('note-editor').getByLabel('Note', { exact: true }).fill(NOTE_TEXT);
  await laptopPage.getByTestId('note-save').click();
  await expect(card.getByTestId('note-body').first().locator('strong')).toHaveText('marigold');
  await syncNow(laptopPage);

  await laptopPage.getByTestId('account-menu').click();
  await laptopPage.getByRole('menuitem', { name: 'Notes encryption…' }).click();
  await laptopPage.getByTestId('change-passphrase-open').click();
  const form = laptopPage.getByTestId('change-passphrase');
  await expect(laptopPage.getByRole('dialog', { name: 'Change your notes passphrase' })).toBeVisible();

  // The same passphrase twice is caught before anything is sent.
  await form.getByLabel('Current passphrase').fill(OLD_PASSPHRASE);
  await form.getByLabel('New passphrase', { exact: true }).fill(OLD_PASSPHRASE);
  await expect(form).toContainText('The new passphrase is the same as the current one');

  await form.getByLabel('Current passphrase').fill('not the passphrase');
  await form.getByLabel('New passphrase', { exact: true }).fill(NEW_PASSPHRASE);
  await form.getByLabel('New passphrase again').fill(NEW_PASSPHRASE);
  await expect(form.getByTestId('passphrase-strength')).toContainText('trong');
  await form.getByTestId('change-passphrase-submit').click();
  await expect(form).toContainText('Wrong passphrase');
  await laptopPage.screenshot({ path: test.info().outputPath('notes-passphrase-change-wrong.png') });

  await form.getByLabel('Current passphrase').fill(OLD_PASSPHRASE);
  await expect(form).not.toContainText('Wrong passphrase');
  await laptopPage.screenshot({ path: test.info().outputPath('notes-passphrase-change-form.png') });
  await form.getByTestId('change-passphrase-submit').click();
  const done = laptopPage.getByTestId('encryption-done');
  await expect(done).toContainText('Passphrase changed');
  await laptopPage.screenshot({ path: test.info().outputPath('notes-passphrase-changed.png') });
  await done.getByRole('button', { name: 'Done' }).click();
  await expect(done).toBeHidden();

  // This device carries on as before.
  await expect(card.getByTestId('notes-encrypted')).toContainText('End-to-end encrypted');
  await syncNow(laptopPage);
});

test('a new device unlocks with the new passphrase, not the old one', async ({
  secondPage: desktopPage,
  secondWeb: desktop,
}) => {
  await desktopPage.goto(`${desktop.url}#/people`);
  await expect(desktopPage.getByTestId('directory-row').first()).toBeVisible({ timeout: 60_000 });
  await desktopPage.goto(`${desktop.url}${personRoute}`);
  const card = desktopPage.getByTestId('notes-card');
  await syncNow(desktopPage);
  await expect(card.getByTestId('notes-locked')).toBeVisible();

  await card.getByRole('button', { name: 'Enter passphrase…' }).click();
  const unlock = desktopPage.getByTestId('encryption-unlock');
  await unlock.getByTestId('unlock-passphrase').fill(OLD_PASSPHRASE);
  await unlock.getByTestId('encryption-unlock-submit').click();
  await expect(unlock).toContainText('Wrong passphrase');

  await unlock.getByTestId('unlock-passphrase').fill(NEW_PASSPHRASE);
  await unlock.getByTestId('encryption-unlock-submit').click();
  await desktopPage.getByTestId('encryption-done').getByRole('button', { name: 'Done' }).click();
  await expect(card.getByTestId('note-body').first().locator('strong')).toHaveText('marigold');
  await desktopPage.screenshot({ path: test.info().outputPath('notes-unlocked-new-passphrase.png') });
});
