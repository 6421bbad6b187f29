import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { parse } from 'yaml';
import { openAColleague } from './support/colleague.ts';
import { expect, test } from './support/fixtures.ts';
import { tempDir } from './support/processes.ts';

/** Import contacts and notes from a vCard, and export every note as Markdown, end to end. */
test.describe.configure({ mode: 'serial' });

const exportDir = join(tempDir('kith-e2e-export-'), 'notes export');
// The web host writes exports there.
test.use({ spec: 'import-export', webEnv: { KITH_EXPORT_DIR: exportDir } });

const vcard = (...cards: string[][]) =>
  cards.map((lines) => ['BEGIN:VCARD', 'VERSION:4.0', ...lines, 'END:VCARD'].join('\r\n')).join('\r\n') +
  '\r\n';

async function pickFile(page: Page, name: string, content: string) {
  await page
    .getByTestId('import-modal')
    .locator('input[type=file]')
    .setInputFiles({ name, mimeType: 'text/vcard', buffer: Buffer.from(content) });
}

test('a vCard imports a note for the colleague it matches and reports the stranger', async ({
  webPage: page,
  web,
}) => {
  const name = await openAColleague(page, web.url);
  const email = (await page.locator('a[href^="mailto:"]').first().textContent())?.trim() ?? '';
  expect(email).toContain('@');

  await page.getByRole('link', { name: 'Notes', exact: true }).click();
  await page.getByTestId('notes-actions').click();
  await page.getByRole('menuitem', { name: 'Import contacts…' }).click();
  const modal = page.getByTestId('import-modal');

  // A malformed file: a clear error naming the line, nothing written.
  await pickFile(page, 'broken.vcf', 'BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Nobody\r\n');
  await expect(modal.getByTestId('import-error')).toContainText(
    'Line 1: the vCard that begins here has no END:VCARD',
  );

  await pickFile(
    page,
    'contacts.vcf',
    vcard(
      [
        `FN:${name}`,
        `EMAIL;TYPE=work:${email.toUpperCase()}`,
        'NOTE:Met at the **zephyr** summit\\, Lyon\\nAsk about the roadmap',
      ],
      ['FN:Stranger Danger', 'EMAIL:stranger@elsewhere.example', 'NOTE:Who is this?'],
    ),
  );
  await expect(modal.getByTestId('import-read')).toHaveText('2');
  await expect(modal.getByTestId('import-matched')).toHaveText('1');
  await expect(modal.getByTestId('import-notes')).toHaveText('1');
  await expect(modal.getByTestId('import-matches')).toContainText(name);
  await expect(modal.getByTestId('import-unmatched')).toContainText('Stranger Danger');
  await expect(modal.getByTestId('import-unmatched')).toContainText('no colleague with this email');
  await modal.getByTestId('import-add-connections').check();
  await expect(modal.getByTestId('import-connections')).toHaveText('1');
  await page.screenshot({ path: 'test-results/import-preview.png', fullPage: true });

  await modal.getByTestId('import-run').click();
  await expect(modal.getByTestId('import-done')).toContainText(
    '1 note and 1 connection added from contacts.vcf',
  );
  await expect(modal.getByTestId('import-unmatched')).toContainText('Stranger Danger');
  await page.screenshot({ path: 'test-results/import-done.png', fullPage: true });
  await modal.getByTestId('import-close').click();

  const result = page.getByTestId('note-result').filter({ hasText: 'zephyr' });
  await expect(result).toHaveCount(1);
  await expect(result).toContainText(name);
  await expect(result).toContainText('imported');
  await result.getByTestId('note-result-open').click();
  await expect(page.getByTestId('profile-name')).toHaveText(name);
  await expect(page.getByTestId('notes-card').locator('strong', { hasText: 'zephyr' })).toBeVisible();
  await expect(page.getByTestId('notes-card')).toContainText('Ask about the roadmap');
  await page.getByTestId('notes-card').scrollIntoViewIfNeeded();
  await page.screenshot({ path: 'test-results/import-note-on-profile.png', fullPage: true });
});

test('export writes one Markdown file per colleague with notes into KITH_EXPORT_DIR', async ({
  webPage: page,
}) => {
  await page.getByRole('link', { name: 'Notes', exact: true }).click();
  await page.getByTestId('notes-actions').click();
  await page.getByRole('menuitem', { name: 'Export as Markdown…' }).click();
  const notice = page.getByTestId('export-result');
  await expect(notice).toContainText('1 file');
  await expect(notice).toContainText(exportDir);
  await page.screenshot({ path: 'test-results/export-done.png', fullPage: true });

  const files = await readdir(exportDir);
  expect(files).toHaveLength(1);
  const markdown = await readFile(join(exportDir, files[0]!), 'utf8');
  const front = parse(/^---\n([\s\S]*?)\n---\n/.exec(markdown)?.[1] ?? '') as Record<string, unknown>;
  expect(files[0]).toBe(`${String(front.name)}.md`);
  expect(front).toMatchObject({ notes: 1 });
  expect(String(front.email)).toContain('@');
  // The NOTE's line break stays one in Markdown: a hard break (two trailing spaces).
  expect(markdown).toContain('Met at the **zephyr** summit, Lyon  \nAsk about the roadmap');
  expect(markdown).toContain('- Tags: `imported`');
});
