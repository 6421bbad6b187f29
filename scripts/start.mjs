// `npm start`: the desktop app, built and run as it ships (electron-vite preview: app:// with its CSP), when the
// Electron runtime is installed; `npm run dev` is the hot-reloading variant.
// The runtime is a separate download that some machines cannot make; they get one line pointing at the web host.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const electronDir = join(root, 'node_modules', 'electron');
const DOWNLOAD_TIMEOUT_MS = 60_000;

/** Mirrors node_modules/electron/index.js, minus its download-on-require. */
function electronBinary() {
  const pathFile = join(electronDir, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const relative = readFileSync(pathFile, 'utf8').trim();
  const distDir = process.env.ELECTRON_OVERRIDE_DIST_PATH || join(electronDir, 'dist');
  const binary = join(distDir, relative);
  return existsSync(binary) ? binary : null;
}

function tryDownloadElectron() {
  const install = join(electronDir, 'install.js');
  if (!existsSync(install)) return false;
  const result = spawnSync(process.execPath, [install], {
    cwd: electronDir,
    stdio: 'ignore',
    timeout: DOWNLOAD_TIMEOUT_MS,
  });
  return result.status === 0;
}

if (!electronBinary() && !(tryDownloadElectron() && electronBinary())) {
  console.error(
    'Kith: the Electron runtime is not installed and could not be downloaded here; run "npm run web" to use Kith in a browser.',
  );
  process.exit(1);
}

// The package's bin script run with this Node: the same as node_modules/.bin/electron-vite, and no shell on Windows.
const electronVite = join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js');
const child = spawn(process.execPath, [electronVite, 'preview', ...process.argv.slice(2)], {
  cwd: root,
  stdio: 'inherit',
});
child.on('error', (err) => {
  console.error(`Kith: could not start electron-vite: ${err.message}`);
  process.exit(1);
});
child.on('exit', (code, signal) => {
  process.exit(code ?? (signal ? 1 : 0));
});
