import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { _electron as electron, expect, test } from '@playwright/test';
import { repoRoot, tempDir } from './support/processes.ts';

/**
 * The packaged shell itself, where an Electron binary is installed. Found the way node_modules/electron does,
 * without require('electron'), which would try to download the runtime.
 */
function electronBinary(): { path: string | null; reason: string } {
  const electronDir = join(repoRoot, 'node_modules', 'electron');
  const pathFile = join(electronDir, 'path.txt');
  if (!existsSync(pathFile)) return { path: null, reason: `${pathFile} is missing` };
  const binary = join(electronDir, 'dist', readFileSync(pathFile, 'utf8').trim());
  if (!existsSync(binary)) return { path: null, reason: `${binary} is missing` };
  return { path: binary, reason: '' };
}

test('the Electron app opens on the welcome screen or the directory', async () => {
  const binary = electronBinary();
  test.skip(
    binary.path === null,
    `Electron binary not installed (${binary.reason}): run npx install-electron to enable this test`,
  );
  const mainEntry = join(repoRoot, 'out', 'main', 'index.js');
  expect(existsSync(mainEntry), 'run `npm run build` first').toBe(true);

  const app = await electron.launch({
    executablePath: binary.path ?? undefined,
    args: [mainEntry, '--no-sandbox', '--disable-gpu', `--user-data-dir=${tempDir('kith-e2e-electron-')}`],
    cwd: repoRoot,
  });
  try {
    const window = await app.firstWindow();
    await expect(window.getByTestId('welcome').or(window.getByTestId('directory-search'))).toBeVisible({
      timeout: 30_000,
    });
    await window.screenshot({ path: 'test-results/electron-smoke.png' });
  } finally {
    await app.close();
  }
});
